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
  "uid": "maestro-overview",
  "title": "OrleansMaestro overview",
  "description": "Runs, delays, steps and data moved.",
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
      "title": "Runs started (1h)",
      "description": "Runs that started running in the last hour.",
      "datasource": {
        "type": "prometheus",
        "uid": "${datasource}"
      },
      "gridPos": {
        "x": 0,
        "y": 0,
        "w": 6,
        "h": 4
      },
      "fieldConfig": {
        "defaults": {},
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
          "expr": "sum(increase(maestro_runs_started_total{workflow=~\"$workflow\"}[1h])) or vector(0)",
          "legendFormat": "runs",
          "range": true,
          "instant": false
        }
      ]
    },
    {
      "id": 2,
      "type": "stat",
      "title": "Runs failed (1h)",
      "description": "Runs that ended failed or timed out in the last hour.",
      "datasource": {
        "type": "prometheus",
        "uid": "${datasource}"
      },
      "gridPos": {
        "x": 6,
        "y": 0,
        "w": 6,
        "h": 4
      },
      "fieldConfig": {
        "defaults": {},
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
          "expr": "sum(increase(maestro_runs_finished_total{workflow=~\"$workflow\",state=~\"failed|timedout\"}[1h])) or vector(0)",
          "legendFormat": "failed",
          "range": true,
          "instant": false
        }
      ]
    },
    {
      "id": 3,
      "type": "stat",
      "title": "Signal delay p95",
      "description": "Commit to run start, 95th percentile over 5 minutes.",
      "datasource": {
        "type": "prometheus",
        "uid": "${datasource}"
      },
      "gridPos": {
        "x": 12,
        "y": 0,
        "w": 6,
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
          "expr": "histogram_quantile(0.95, sum by (le) (rate(maestro_signal_delay_seconds_bucket{workflow=~\"$workflow\"}[5m])))",
          "legendFormat": "p95",
          "range": true,
          "instant": false
        }
      ]
    },
    {
      "id": 4,
      "type": "stat",
      "title": "Queued runs",
      "description": "Runs waiting for their workflow's run strategy.",
      "datasource": {
        "type": "prometheus",
        "uid": "${datasource}"
      },
      "gridPos": {
        "x": 18,
        "y": 0,
        "w": 6,
        "h": 4
      },
      "fieldConfig": {
        "defaults": {},
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
          "expr": "sum(maestro_queue_depth{workflow=~\"$workflow\"}) or vector(0)",
          "legendFormat": "queued",
          "range": true,
          "instant": false
        }
      ]
    },
    {
      "id": 5,
      "type": "timeseries",
      "title": "Runs started",
      "description": "Per workflow and trigger.",
      "datasource": {
        "type": "prometheus",
        "uid": "${datasource}"
      },
      "gridPos": {
        "x": 0,
        "y": 8,
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
          "expr": "sum by (workflow, trigger) (rate(maestro_runs_started_total{workflow=~\"$workflow\"}[$__rate_interval]))",
          "legendFormat": "{{workflow}} ({{trigger}})",
          "range": true,
          "instant": false
        }
      ]
    },
    {
      "id": 6,
      "type": "timeseries",
      "title": "Runs finished",
      "description": "Per workflow and final state.",
      "datasource": {
        "type": "prometheus",
        "uid": "${datasource}"
      },
      "gridPos": {
        "x": 12,
        "y": 8,
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
          "expr": "sum by (workflow, state) (rate(maestro_runs_finished_total{workflow=~\"$workflow\"}[$__rate_interval]))",
          "legendFormat": "{{workflow}} {{state}}",
          "range": true,
          "instant": false
        }
      ]
    },
    {
      "id": 7,
      "type": "timeseries",
      "title": "Signal delay (commit to run start)",
      "description": "p50 and p95 per workflow.",
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
          "expr": "histogram_quantile(0.5, sum by (le, workflow) (rate(maestro_signal_delay_seconds_bucket{workflow=~\"$workflow\"}[$__rate_interval])))",
          "legendFormat": "p50 {{workflow}}",
          "range": true,
          "instant": false
        },
        {
          "refId": "B",
          "datasource": {
            "type": "prometheus",
            "uid": "${datasource}"
          },
          "expr": "histogram_quantile(0.95, sum by (le, workflow) (rate(maestro_signal_delay_seconds_bucket{workflow=~\"$workflow\"}[$__rate_interval])))",
          "legendFormat": "p95 {{workflow}}",
          "range": true,
          "instant": false
        }
      ]
    },
    {
      "id": 8,
      "type": "timeseries",
      "title": "Run duration p95",
      "description": "Start to end of a run, per workflow.",
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
          "expr": "histogram_quantile(0.95, sum by (le, workflow) (rate(maestro_run_duration_seconds_bucket{workflow=~\"$workflow\"}[$__rate_interval])))",
          "legendFormat": "{{workflow}}",
          "range": true,
          "instant": false
        }
      ]
    },
    {
      "id": 9,
      "type": "timeseries",
      "title": "Step duration p95",
      "description": "One attempt, per step type and outcome.",
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
          "expr": "histogram_quantile(0.95, sum by (le, step_type, outcome) (rate(maestro_step_duration_seconds_bucket[$__rate_interval])))",
          "legendFormat": "{{step_type}} {{outcome}}",
          "range": true,
          "instant": false
        }
      ]
    },
    {
      "id": 10,
      "type": "timeseries",
      "title": "Step failures",
      "description": "Failed attempts per step type (retries count).",
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
          "expr": "sum by (step_type) (rate(maestro_step_failures_total[$__rate_interval])) or vector(0)",
          "legendFormat": "{{step_type}}",
          "range": true,
          "instant": false
        }
      ]
    },
    {
      "id": 11,
      "type": "timeseries",
      "title": "Bytes read and written",
      "description": "Data files' bytes, per workflow.",
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
          "unit": "Bps"
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
          "expr": "sum by (workflow) (rate(maestro_step_read_bytes_total{workflow=~\"$workflow\"}[$__rate_interval]))",
          "legendFormat": "read {{workflow}}",
          "range": true,
          "instant": false
        },
        {
          "refId": "B",
          "datasource": {
            "type": "prometheus",
            "uid": "${datasource}"
          },
          "expr": "sum by (workflow) (rate(maestro_step_written_bytes_total{workflow=~\"$workflow\"}[$__rate_interval]))",
          "legendFormat": "written {{workflow}}",
          "range": true,
          "instant": false
        }
      ]
    },
    {
      "id": 12,
      "type": "timeseries",
      "title": "Files read and written",
      "description": "Data files, per workflow.",
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
          "expr": "sum by (workflow) (rate(maestro_step_files_read_total{workflow=~\"$workflow\"}[$__rate_interval]))",
          "legendFormat": "read {{workflow}}",
          "range": true,
          "instant": false
        },
        {
          "refId": "B",
          "datasource": {
            "type": "prometheus",
            "uid": "${datasource}"
          },
          "expr": "sum by (workflow) (rate(maestro_step_files_written_total{workflow=~\"$workflow\"}[$__rate_interval]))",
          "legendFormat": "written {{workflow}}",
          "range": true,
          "instant": false
        }
      ]
    },
    {
      "id": 13,
      "type": "timeseries",
      "title": "Queue depth",
      "description": "Runs waiting per workflow.",
      "datasource": {
        "type": "prometheus",
        "uid": "${datasource}"
      },
      "gridPos": {
        "x": 0,
        "y": 40,
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
    },
    {
      "id": 14,
      "type": "timeseries",
      "title": "Table commits",
      "description": "New snapshots per table.",
      "datasource": {
        "type": "prometheus",
        "uid": "${datasource}"
      },
      "gridPos": {
        "x": 12,
        "y": 40,
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
    }
  ]
} satisfies MaestroDashboard;
