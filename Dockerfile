# The silo image: `docker build -t orleans-maestro/silo:<version> .` at the repository root.
# Build stage: restore and publish the silo (framework-dependent; the runtime image carries ASP.NET Core).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Project files first, so the restore layer is reused while only sources change.
COPY Directory.Build.props Directory.Packages.props ./
COPY src/Abstractions/Abstractions.csproj src/Abstractions/
COPY src/Iceberg/Iceberg.csproj src/Iceberg/
COPY src/Grains/Grains.csproj src/Grains/
COPY src/Silo/Silo.csproj src/Silo/
RUN dotnet restore src/Silo/Silo.csproj
COPY src/ src/
# The silo ships the sample pipeline's workflow files (its demo mode stores them).
COPY samples/pipeline/ samples/pipeline/
RUN dotnet publish src/Silo/Silo.csproj -c Release --no-restore -o /app /p:UseAppHost=false

# Runtime stage: ASP.NET Core runtime only, as the image's non-root user (uid 1654, "app").
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# Kestrel listens on Maestro:Http:Port (5080), not on the image's default ASPNETCORE_HTTP_PORTS.
ENV ASPNETCORE_HTTP_PORTS="" \
    DOTNET_gcServer=1 \
    Maestro__DataDirectory=/tmp/maestro
# HTTP API, health checks and /metrics; silo-to-silo; the Orleans gateway.
EXPOSE 5080 11111 30000
USER 1654
ENTRYPOINT ["dotnet", "OrleansMaestro.Silo.dll"]
