import type { Dashboard, Panel, DataQuery, VariableModel } from '@grafana/schema';
interface PrometheusQuery extends DataQuery {
  expr: string;
  legendFormat?: string;
  range?: boolean;
  instant?: boolean;
  format?: 'time_series' | 'table' | 'heatmap';
  datasource: { type: 'prometheus'; uid: '${datasource}' };
}
type PrometheusPanel = Panel & {
  title: string;
  datasource: { type: 'prometheus'; uid: '${datasource}' };
  targets: PrometheusQuery[];
};
type DatasourceVariable = VariableModel & { name: 'datasource'; type: 'datasource'; query: 'prometheus' };
type MaestroDashboard = Dashboard & {
  uid: string;
  title: string;
  panels: PrometheusPanel[];
  templating: { list: [DatasourceVariable, ...VariableModel[]] };
};

export const dashboard = {
  "uid": "maestro-freshness",
  "title": "OrleansMaestro freshness",
  "description": "How far each workflow is behind its source tables.",
  "tags": [
    "orleans-maestro"
  ],
  "schemaVersion": 39,
  "version": 1,
  "editable": true,
  "graphTooltip": 1,
  "refresh": "30s",
  "time": {
    "from": "now-1h",
    "to": "now"
  },
  "timezone": "browser",
  "templating": {
    "list": [
      {
        "name": "datasource",
        "label": "Data source",
        "type": "datasource",
        "query": "prometheus",
        "current": {},
        "hide": 0,
        "refresh": 1,
        "options": [],
        "regex": "",
        "skipUrlSync": false
      },
      {
        "name": "workflow",
        "label": "Workflow",
        "type": "query",
        "datasource": {
          "type": "prometheus",
          "uid": "${datasource}"
        },
        "definition": "label_values(maestro_runs_started_total, workflow)",
        "query": {
          "query": "label_values(maestro_runs_started_total, workflow)",
          "refId": "PrometheusVariableQueryEditor-VariableQuery",
          "qryType": 1
        },
        "refresh": 2,
        "includeAll": true,
        "multi": true,
        "allValue": ".*",
        "current": {},
        "options": [],
        "regex": "",
        "sort": 1,
        "hide": 0,
        "skipUrlSync": false
      },
      {
        "name": "table",
        "label": "Table",
        "type": "query",
        "datasource": {
          "type": "prometheus",
          "uid": "${datasource}"
        },
        "definition": "label_values(maestro_table_commits_total, table)",
        "query": {
          "query": "label_values(maestro_table_commits_total, table)",
          "refId": "PrometheusVariableQueryEditor-VariableQuery",
          "qryType": 1
        },
        "refresh": 2,
        "includeAll": true,
        "multi": true,
        "allValue": ".*",
        "current": {},
        "options": [],
        "regex": "",
        "sort": 1,
        "hide": 0,
        "skipUrlSync": false
      }
    ]
  },
  "annotations": {
    "list": []
  },
  "links": [],
  "panels": [
    {
      "id": 1,
      "type": "stat",
      "title": "Worst freshness lag",
      "description": "The longest any selected workflow has left a source snapshot unconsumed.",
      "datasource": {
        "type": "prometheus",
        "uid": "${datasource}"
      },
      "gridPos": {
        "x": 0,
        "y": 0,
        "w": 8,
        "h": 4
      },
      "fieldConfig": {
        "defaults": {
          "unit": "s"
        },
        "overrides": []
      },
      "options": {
        "reduceOptions": {
          "calcs": [
            "lastNotNull"
          ],
          "fields": "",
          "values": false
        },
        "colorMode": "value",
        "graphMode": "area",
        "textMode": "auto"
      },
      "targets": [
        {
          "refId": "A",
          "datasource": {
            "type": "prometheus",
            "uid": "${datasource}"
          },
          "expr": "max(maestro_freshness_lag_seconds{workflow=~\"$workflow\",table=~\"$table\"})",
          "legendFormat": "lag",
          "range": true,
          "instant": false
        }
      ]
    },
    {
      "id": 2,
      "type": "stat",
      "title": "Snapshots behind",
      "description": "Sum over the selected workflows and sources.",
      "datasource": {
        "type": "prometheus",
        "uid": "${datasource}"
      },
      "gridPos": {
        "x": 8,
        "y": 0,
        "w": 8,
        "h": 4
      },
      "fieldConfig": {
        "defaults": {
          "unit": "short"
        },
        "overrides": []
      },
      "options": {
        "reduceOptions": {
          "calcs": [
            "lastNotNull"
          ],
          "fields": "",
          "values": false
        },
        "colorMode": "value",
        "graphMode": "area",
        "textMode": "auto"
      },
      "targets": [
        {
          "refId": "A",
          "datasource": {
            "type": "prometheus",
            "uid": "${datasource}"
          },
          "expr": "sum(maestro_freshness_lag_snapshots{workflow=~\"$workflow\",table=~\"$table\"})",
          "legendFormat": "snapshots",
          "range": true,
          "instant": false
        }
      ]
    },
    {
      "id": 3,
      "type": "stat",
      "title": "Commits (1h)",
      "description": "New snapshots on the selected tables in the last hour.",
      "datasource": {
        "type": "prometheus",
        "uid": "${datasource}"
      },
      "gridPos": {
        "x": 16,
        "y": 0,
        "w": 8,
        "h": 4
      },
      "fieldConfig": {
        "defaults": {
          "unit": "short"
        },
        "overrides": []
      },
      "options": {
        "reduceOptions": {
          "calcs": [
            "lastNotNull"
          ],
          "fields": "",
          "values": false
        },
        "colorMode": "value",
        "graphMode": "area",
        "textMode": "auto"
      },
      "targets": [
        {
          "refId": "A",
          "datasource": {
            "type": "prometheus",
            "uid": "${datasource}"
          },
          "expr": "sum(increase(maestro_table_commits_total{table=~\"$table\"}[1h]))",
          "legendFormat": "commits",
          "range": true,
          "instant": false
        }
      ]
    },
    {
      "id": 4,
      "type": "table",
      "title": "Freshness per workflow and source",
      "description": "Current lag of each workflow's watermark behind each source table.",
      "datasource": {
        "type": "prometheus",
        "uid": "${datasource}"
      },
      "gridPos": {
        "x": 0,
        "y": 8,
        "w": 24,
        "h": 8
      },
      "fieldConfig": {
        "defaults": {},
        "overrides": []
      },
      "options": {
        "showHeader": true
      },
      "targets": [
        {
          "refId": "A",
          "datasource": {
            "type": "prometheus",
            "uid": "${datasource}"
          },
          "expr": "max by (workflow, table) (maestro_freshness_lag_seconds{workflow=~\"$workflow\",table=~\"$table\"})",
          "legendFormat": "seconds",
          "range": false,
          "instant": true,
          "format": "table"
        },
        {
          "refId": "B",
          "datasource": {
            "type": "prometheus",
            "uid": "${datasource}"
          },
          "expr": "max by (workflow, table) (maestro_freshness_lag_snapshots{workflow=~\"$workflow\",table=~\"$table\"})",
          "legendFormat": "snapshots",
          "range": false,
          "instant": true,
          "format": "table"
        }
      ],
      "transformations": [
        {
          "id": "organize",
          "options": {
            "excludeByName": {
              "Time": true
            }
          }
        }
      ]
    },
    {
      "id": 5,
      "type": "timeseries",
      "title": "Freshness lag (seconds)",
      "description": "How long the oldest unconsumed snapshot has waited.",
      "datasource": {
        "type": "prometheus",
        "uid": "${datasource}"
      },
      "gridPos": {
        "x": 0,
        "y": 16,
        "w": 12,
        "h": 8
      },
      "fieldConfig": {
        "defaults": {
          "unit": "s"
        },
        "overrides": []
      },
      "options": {
        "legend": {
          "displayMode": "list",
          "placement": "bottom",
          "showLegend": true
        },
        "tooltip": {
          "mode": "multi",
          "sort": "desc"
        }
      },
      "targets": [
        {
          "refId": "A",
          "datasource": {
            "type": "prometheus",
            "uid": "${datasource}"
          },
          "expr": "max by (workflow, table) (maestro_freshness_lag_seconds{workflow=~\"$workflow\",table=~\"$table\"})",
          "legendFormat": "{{workflow}} <- {{table}}",
          "range": true,
          "instant": false
        }
      ]
    },
    {
      "id": 6,
      "type": "timeseries",
      "title": "Freshness lag (snapshots)",
      "description": "Snapshots the watermark is behind.",
      "datasource": {
        "type": "prometheus",
        "uid": "${datasource}"
      },
      "gridPos": {
        "x": 12,
        "y": 16,
        "w": 12,
        "h": 8
      },
      "fieldConfig": {
        "defaults": {
          "unit": "short"
        },
        "overrides": []
      },
      "options": {
        "legend": {
          "displayMode": "list",
          "placement": "bottom",
          "showLegend": true
        },
        "tooltip": {
          "mode": "multi",
          "sort": "desc"
        }
      },
      "targets": [
        {
          "refId": "A",
          "datasource": {
            "type": "prometheus",
            "uid": "${datasource}"
          },
          "expr": "max by (workflow, table) (maestro_freshness_lag_snapshots{workflow=~\"$workflow\",table=~\"$table\"})",
          "legendFormat": "{{workflow}} <- {{table}}",
          "range": true,
          "instant": false
        }
      ]
    },
    {
      "id": 7,
      "type": "timeseries",
      "title": "Commits per table",
      "description": "New snapshots per second.",
      "datasource": {
        "type": "prometheus",
        "uid": "${datasource}"
      },
      "gridPos": {
        "x": 0,
        "y": 24,
        "w": 12,
        "h": 8
      },
      "fieldConfig": {
        "defaults": {
          "unit": "ops"
        },
        "overrides": []
      },
      "options": {
        "legend": {
          "displayMode": "list",
          "placement": "bottom",
          "showLegend": true
        },
        "tooltip": {
          "mode": "multi",
          "sort": "desc"
        }
      },
      "targets": [
        {
          "refId": "A",
          "datasource": {
            "type": "prometheus",
            "uid": "${datasource}"
          },
          "expr": "sum by (table) (rate(maestro_table_commits_total{table=~\"$table\"}[$__rate_interval]))",
          "legendFormat": "{{table}}",
          "range": true,
          "instant": false
        }
      ]
    },
    {
      "id": 8,
      "type": "timeseries",
      "title": "Signal delay p95",
      "description": "Commit to run start per workflow.",
      "datasource": {
        "type": "prometheus",
        "uid": "${datasource}"
      },
      "gridPos": {
        "x": 12,
        "y": 24,
        "w": 12,
        "h": 8
      },
      "fieldConfig": {
        "defaults": {
          "unit": "s"
        },
        "overrides": []
      },
      "options": {
        "legend": {
          "displayMode": "list",
          "placement": "bottom",
          "showLegend": true
        },
        "tooltip": {
          "mode": "multi",
          "sort": "desc"
        }
      },
      "targets": [
        {
          "refId": "A",
          "datasource": {
            "type": "prometheus",
            "uid": "${datasource}"
          },
          "expr": "histogram_quantile(0.95, sum by (le, workflow) (rate(maestro_signal_delay_seconds_bucket{workflow=~\"$workflow\"}[$__rate_interval])))",
          "legendFormat": "{{workflow}}",
          "range": true,
          "instant": false
        }
      ]
    },
    {
      "id": 9,
      "type": "timeseries",
      "title": "Planned files per incremental scan",
      "description": "Average and p95 per source table.",
      "datasource": {
        "type": "prometheus",
        "uid": "${datasource}"
      },
      "gridPos": {
        "x": 0,
        "y": 32,
        "w": 12,
        "h": 8
      },
      "fieldConfig": {
        "defaults": {
          "unit": "short"
        },
        "overrides": []
      },
      "options": {
        "legend": {
          "displayMode": "list",
          "placement": "bottom",
          "showLegend": true
        },
        "tooltip": {
          "mode": "multi",
          "sort": "desc"
        }
      },
      "targets": [
        {
          "refId": "A",
          "datasource": {
            "type": "prometheus",
            "uid": "${datasource}"
          },
          "expr": "sum by (table) (rate(maestro_scan_planned_files_sum{workflow=~\"$workflow\",table=~\"$table\"}[$__rate_interval])) / sum by (table) (rate(maestro_scan_planned_files_count{workflow=~\"$workflow\",table=~\"$table\"}[$__rate_interval]))",
          "legendFormat": "avg {{table}}",
          "range": true,
          "instant": false
        },
        {
          "refId": "B",
          "datasource": {
            "type": "prometheus",
            "uid": "${datasource}"
          },
          "expr": "histogram_quantile(0.95, sum by (le, table) (rate(maestro_scan_planned_files_bucket{workflow=~\"$workflow\",table=~\"$table\"}[$__rate_interval])))",
          "legendFormat": "p95 {{table}}",
          "range": true,
          "instant": false
        }
      ]
    },
    {
      "id": 10,
      "type": "timeseries",
      "title": "Queue depth",
      "description": "Runs waiting per workflow.",
      "datasource": {
        "type": "prometheus",
        "uid": "${datasource}"
      },
      "gridPos": {
        "x": 12,
        "y": 32,
        "w": 12,
        "h": 8
      },
      "fieldConfig": {
        "defaults": {
          "unit": "short"
        },
        "overrides": []
      },
      "options": {
        "legend": {
          "displayMode": "list",
          "placement": "bottom",
          "showLegend": true
        },
        "tooltip": {
          "mode": "multi",
          "sort": "desc"
        }
      },
      "targets": [
        {
          "refId": "A",
          "datasource": {
            "type": "prometheus",
            "uid": "${datasource}"
          },
          "expr": "sum by (workflow) (maestro_queue_depth{workflow=~\"$workflow\"})",
          "legendFormat": "{{workflow}}",
          "range": true,
          "instant": false
        }
      ]
    }
  ]
} satisfies MaestroDashboard;
