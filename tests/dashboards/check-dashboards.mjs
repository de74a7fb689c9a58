// Type-checks every k8s/dashboards/*.json against @grafana/schema: each dashboard becomes a TypeScript module whose
// object literal must satisfy the schema's Dashboard type (excess properties and wrong literal types are errors),
// with every panel on the Prometheus data source variable and every target a Prometheus query.
// Usage: node check-dashboards.mjs [dashboard folder]; prints "ok <file>" per dashboard, exits 1 with tsc's errors.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = dirname(fileURLToPath(import.meta.url));
const ts = createRequire(import.meta.url)('typescript');
const folder = resolve(process.argv[2] ?? join(here, '..', '..', 'k8s', 'dashboards'));
const files = readdirSync(folder).filter(f => f.endsWith('.json')).sort();
if (files.length === 0) {
  console.error(`no dashboards in ${folder}`);
  process.exit(1);
}

const prelude = `import type { Dashboard, Panel, DataQuery, VariableModel } from '@grafana/schema';
interface PrometheusQuery extends DataQuery {
  expr: string;
  legendFormat?: string;
  range?: boolean;
  instant?: boolean;
  format?: 'time_series' | 'table' | 'heatmap';
  datasource: { type: 'prometheus'; uid: '\${datasource}' };
}
type PrometheusPanel = Panel & {
  title: string;
  datasource: { type: 'prometheus'; uid: '\${datasource}' };
  targets: PrometheusQuery[];
};
type DatasourceVariable = VariableModel & { name: 'datasource'; type: 'datasource'; query: 'prometheus' };
type MaestroDashboard = Dashboard & {
  uid: string;
  title: string;
  panels: PrometheusPanel[];
  templating: { list: [DatasourceVariable, ...VariableModel[]] };
};
`;

// Inside this folder, so '@grafana/schema' resolves from its node_modules.
const work = mkdtempSync(join(here, '.check-'));
try {
  const sources = files.map(file => {
    const json = readFileSync(join(folder, file), 'utf8');
    JSON.parse(json); // a syntax error names the file before tsc would
    const path = join(work, file.replace(/\.json$/, '.ts'));
    writeFileSync(path, `${prelude}\nexport const dashboard = ${json.trim()} satisfies MaestroDashboard;\n`);
    return path;
  });
  const program = ts.createProgram(sources, {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    skipLibCheck: true,
  });
  const diagnostics = ts.getPreEmitDiagnostics(program);
  if (diagnostics.length > 0) {
    console.error(ts.formatDiagnostics(diagnostics, {
      getCanonicalFileName: f => f,
      getCurrentDirectory: () => work,
      getNewLine: () => '\n',
    }));
    process.exitCode = 1; // not process.exit: the finally below removes the temporary modules
  } else {
    for (const file of files) {
      console.log(`ok ${file}`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
