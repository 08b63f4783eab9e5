resource "google_redis_instance" "cache" {
  name                    = "integration-platfor-aaf4a2"
  display_name            = "integration-platform-staging cache"
  tier                    = "STANDARD_HA"
  memory_size_gb          = 1
  region                  = var.region
  redis_version           = "REDIS_7_2"
  authorized_network      = google_compute_network.main.id
  connect_mode            = "PRIVATE_SERVICE_ACCESS"
  auth_enabled            = true
  transit_encryption_mode = "SERVER_AUTHENTICATION"
  redis_configs = {
    maxmemory-policy = "allkeys-lru"
  }
  labels = {
    terrace-component = "cache"
  }

  persistence_config {
    persistence_mode    = "RDB"
    rdb_snapshot_period = "TWENTY_FOUR_HOURS"
  }
  maintenance_policy {
    weekly_maintenance_window {
      day = "SUNDAY"

      start_time {
        hours   = 17
        minutes = 30
        seconds = 0
        nanos   = 0
      }
    }
  }
  depends_on = [google_service_networking_connection.private_services]
}

resource "google_secret_manager_secret" "cache_auth" {
  secret_id = "integration-platform-staging-cache-auth-string"
  labels = {
    terrace-component = "cache"
  }

  replication {
    user_managed {
      replicas {
        location = var.region
      }
    }
  }
}

resource "google_secret_manager_secret_version" "cache_auth" {
  secret      = google_secret_manager_secret.cache_auth.id
  secret_data = google_redis_instance.cache.auth_string
}

resource "google_monitoring_alert_policy" "cache_cpu_high" {
  display_name          = "integration-platform-staging/cache/cpu-high"
  combiner              = "OR"
  notification_channels = google_monitoring_notification_channel.alarm_email[*].name
  user_labels = {
    terrace-component = "cache"
  }

  documentation {
    content   = "Engine CPU above 80% for 15 minutes"
    mime_type = "text/markdown"
  }
  conditions {
    display_name = "Engine CPU above 80% for 15 minutes"

    condition_threshold {
      filter          = "resource.type = \"redis_instance\" AND metric.type = \"redis.googleapis.com/stats/cpu_utilization\" AND resource.labels.instance_id = \"projects/${var.project_id}/locations/${var.region}/instances/${google_redis_instance.cache.name}\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0.8
      duration        = "600s"

      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_MEAN"
        cross_series_reducer = "REDUCE_MEAN"
      }
      trigger {
        count = 1
      }
    }
  }
}

resource "google_monitoring_alert_policy" "cache_memory_high" {
  display_name          = "integration-platform-staging/cache/memory-high"
  combiner              = "OR"
  notification_channels = google_monitoring_notification_channel.alarm_email[*].name
  user_labels = {
    terrace-component = "cache"
  }

  documentation {
    content   = "Memory use above 80%"
    mime_type = "text/markdown"
  }
  conditions {
    display_name = "Memory use above 80%"

    condition_threshold {
      filter          = "resource.type = \"redis_instance\" AND metric.type = \"redis.googleapis.com/stats/memory/usage_ratio\" AND resource.labels.instance_id = \"projects/${var.project_id}/locations/${var.region}/instances/${google_redis_instance.cache.name}\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0.8
      duration        = "600s"

      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_MEAN"
        cross_series_reducer = "REDUCE_MEAN"
      }
      trigger {
        count = 1
      }
    }
  }
}

resource "google_monitoring_alert_policy" "cache_evictions" {
  display_name          = "integration-platform-staging/cache/evictions"
  combiner              = "OR"
  notification_channels = google_monitoring_notification_channel.alarm_email[*].name
  user_labels = {
    terrace-component = "cache"
  }

  documentation {
    content   = "Keys evicted for lack of memory"
    mime_type = "text/markdown"
  }
  conditions {
    display_name = "Keys evicted for lack of memory"

    condition_threshold {
      filter          = "resource.type = \"redis_instance\" AND metric.type = \"redis.googleapis.com/stats/evicted_keys\" AND resource.labels.instance_id = \"projects/${var.project_id}/locations/${var.region}/instances/${google_redis_instance.cache.name}\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "0s"

      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_DELTA"
        cross_series_reducer = "REDUCE_SUM"
      }
      trigger {
        count = 1
      }
    }
  }
}
