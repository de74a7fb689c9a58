// Placeholder: the SDK sample is written with the client SDK (issue 5).
return 0;
