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
  "uid": "maestro-cluster",
  "title": "OrleansMaestro cluster health",
  "description": "Orleans and .NET runtime health of every silo.",
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
        "hide": 0,
        "refresh": 1,
        "options": [],
        "regex": "",
        "skipUrlSync": false
      },
      {
        "name": "instance",
        "label": "Silo",
        "type": "query",
        "datasource": {
          "type": "prometheus",
          "uid": "${datasource}"
        },
        "definition": "label_values(orleans_grains, instance)",
        "query": {
          "query": "label_values(orleans_grains, instance)",
          "refId": "PrometheusVariableQueryEditor-VariableQuery",
          "qryType": 1
        },
        "refresh": 2,
        "includeAll": true,
        "multi": true,
        "allValue": ".*",
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
      "title": "Silos reporting",
      "description": "Silos whose metrics Prometheus scrapes.",
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
          "expr": "count(count by (instance) (orleans_grains{instance=~\"$instance\"}))",
          "legendFormat": "silos",
          "range": true,
          "instant": false
        }
      ]
    },
    {
      "id": 2,
      "type": "stat",
      "title": "Activations",
      "description": "Grain activations in the cluster.",
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
          "expr": "sum(orleans_catalog_activations{instance=~\"$instance\"})",
          "legendFormat": "activations",
          "range": true,
          "instant": false
        }
      ]
    },
    {
      "id": 3,
      "type": "stat",
      "title": "Active reminders",
      "description": "Reminders the silos run.",
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
          "expr": "sum(orleans_reminders_active{instance=~\"$instance\"})",
          "legendFormat": "reminders",
          "range": true,
          "instant": false
        }
      ]
    },
    {
      "id": 4,
      "type": "stat",
      "title": "Grain call p95",
      "description": "Application grain request latency.",
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
        "defaults": {
          "unit": "ms"
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
          "expr": "histogram_quantile(0.95, sum by (le) (rate(orleans_app_requests_latency_milliseconds_bucket{instance=~\"$instance\"}[5m])))",
          "legendFormat": "p95",
          "range": true,
          "instant": false
        }
      ]
    },
    {
      "id": 5,
      "type": "timeseries",
      "title": "Activations per grain type",
      "description": "Orleans' catalog.",
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
          "expr": "sum by (grain_type) (orleans_catalog_activations{instance=~\"$instance\"})",
          "legendFormat": "{{grain_type}}",
          "range": true,
          "instant": false
        }
      ]
    },
    {
      "id": 6,
      "type": "timeseries",
      "title": "Messages processed",
      "description": "Per silo, by direction and status.",
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
          "expr": "sum by (instance, Direction, Status) (rate(orleans_messaging_processing_dispatcher_processed_total{instance=~\"$instance\"}[$__rate_interval]))",
          "legendFormat": "{{instance}} {{Direction}} {{Status}}",
          "range": true,
          "instant": false
        }
      ]
    },
    {
      "id": 7,
      "type": "timeseries",
      "title": "Grain call latency",
      "description": "p50 and p95 per silo.",
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
          "unit": "ms"
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
          "expr": "histogram_quantile(0.5, sum by (le, instance) (rate(orleans_app_requests_latency_milliseconds_bucket{instance=~\"$instance\"}[$__rate_interval])))",
          "legendFormat": "p50 {{instance}}",
          "range": true,
          "instant": false
        },
        {
          "refId": "B",
          "datasource": {
            "type": "prometheus",
            "uid": "${datasource}"
          },
          "expr": "histogram_quantile(0.95, sum by (le, instance) (rate(orleans_app_requests_latency_milliseconds_bucket{instance=~\"$instance\"}[$__rate_interval])))",
          "legendFormat": "p95 {{instance}}",
          "range": true,
          "instant": false
        }
      ]
    },
    {
      "id": 8,
      "type": "timeseries",
      "title": "Grain storage write p95",
      "description": "Per state.",
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
          "unit": "ms"
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
          "expr": "histogram_quantile(0.95, sum by (le, state_name) (rate(orleans_storage_write_latency_milliseconds_bucket{instance=~\"$instance\"}[$__rate_interval])))",
          "legendFormat": "{{state_name}}",
          "range": true,
          "instant": false
        }
      ]
    },
    {
      "id": 9,
      "type": "timeseries",
      "title": "CPU",
      "description": "Process CPU time per second, per silo.",
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
          "unit": "percentunit"
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
          "expr": "sum by (instance) (rate(dotnet_process_cpu_time_seconds_total{instance=~\"$instance\"}[$__rate_interval]))",
          "legendFormat": "{{instance}}",
          "range": true,
          "instant": false
        }
      ]
    },
    {
      "id": 10,
      "type": "timeseries",
      "title": "Memory",
      "description": "Working set per silo.",
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
          "unit": "bytes"
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
          "expr": "sum by (instance) (dotnet_process_memory_working_set_bytes{instance=~\"$instance\"})",
          "legendFormat": "{{instance}}",
          "range": true,
          "instant": false
        }
      ]
    },
    {
      "id": 11,
      "type": "timeseries",
      "title": "GC collections",
      "description": "Per generation.",
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
          "expr": "sum by (gc_heap_generation) (rate(dotnet_gc_collections_total{instance=~\"$instance\"}[$__rate_interval]))",
          "legendFormat": "{{gc_heap_generation}}",
          "range": true,
          "instant": false
        }
      ]
    },
    {
      "id": 12,
      "type": "timeseries",
      "title": "Thread pool queue",
      "description": "Work items queued per second.",
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
          "expr": "sum by (instance) (rate(dotnet_thread_pool_queue_length_total{instance=~\"$instance\"}[$__rate_interval]))",
          "legendFormat": "{{instance}}",
          "range": true,
          "instant": false
        }
      ]
    },
    {
      "id": 13,
      "type": "timeseries",
      "title": "HTTP",
      "description": "Active requests and Kestrel connections.",
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
          "expr": "sum by (instance) (http_server_active_requests{instance=~\"$instance\"})",
          "legendFormat": "requests {{instance}}",
          "range": true,
          "instant": false
        },
        {
          "refId": "B",
          "datasource": {
            "type": "prometheus",
            "uid": "${datasource}"
          },
          "expr": "sum by (instance) (kestrel_active_connections{instance=~\"$instance\"})",
          "legendFormat": "connections {{instance}}",
          "range": true,
          "instant": false
        }
      ]
    }
  ]
} satisfies MaestroDashboard;
