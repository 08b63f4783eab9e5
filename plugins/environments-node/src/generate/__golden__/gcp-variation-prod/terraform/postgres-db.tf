resource "random_id" "db_name" {
  byte_length = 4
}

resource "random_password" "db_admin" {
  length           = 32
  special          = true
  override_special = "!#$%&*()-_=+[]{}<>:?"
}

resource "google_sql_database_instance" "db" {
  #checkov:skip=CKV_GCP_6:TLS is required (ssl_mode ENCRYPTED_ONLY) on a private IP only; client certificates are left to the Cloud SQL connectors and Auth Proxy, which bring their own
  name                = "gcpvar-prod-db-${random_id.db_name.hex}"
  database_version    = "POSTGRES_18"
  region              = var.region
  deletion_protection = true

  settings {
    tier                        = "db-custom-2-7680"
    edition                     = "ENTERPRISE"
    availability_type           = "REGIONAL"
    disk_type                   = "PD_SSD"
    disk_size                   = 50
    disk_autoresize             = true
    disk_autoresize_limit       = 200
    deletion_protection_enabled = true
    user_labels = {
      terrace-component = "db"
    }

    ip_configuration {
      ipv4_enabled                                  = false
      private_network                               = google_compute_network.main.id
      ssl_mode                                      = "ENCRYPTED_ONLY"
      enable_private_path_for_google_cloud_services = true
    }
    backup_configuration {
      enabled                        = true
      start_time                     = "16:00"
      point_in_time_recovery_enabled = true
      transaction_log_retention_days = 7

      backup_retention_settings {
        retained_backups = 14
        retention_unit   = "COUNT"
      }
    }
    maintenance_window {
      day          = 7
      hour         = 17
      update_track = "stable"
    }
    insights_config {
      query_insights_enabled  = true
      record_application_tags = false
      record_client_address   = false
    }
    database_flags {
      name  = "cloudsql.enable_pgaudit"
      value = "on"
    }
    database_flags {
      name  = "log_checkpoints"
      value = "on"
    }
    database_flags {
      name  = "log_connections"
      value = "on"
    }
    database_flags {
      name  = "log_disconnections"
      value = "on"
    }
    database_flags {
      name  = "log_duration"
      value = "on"
    }
    database_flags {
      name  = "log_error_verbosity"
      value = "default"
    }
    database_flags {
      name  = "log_hostname"
      value = "on"
    }
    database_flags {
      name  = "log_lock_waits"
      value = "on"
    }
    database_flags {
      name  = "log_min_duration_statement"
      value = "-1"
    }
    database_flags {
      name  = "log_min_error_statement"
      value = "error"
    }
    database_flags {
      name  = "log_min_messages"
      value = "error"
    }
    database_flags {
      name  = "log_statement"
      value = "ddl"
    }
    database_flags {
      name  = "log_temp_files"
      value = "0"
    }
  }
  depends_on = [google_service_networking_connection.private_services]
}

resource "google_sql_database_instance" "db_replica" {
  #checkov:skip=CKV_GCP_6:TLS is required (ssl_mode ENCRYPTED_ONLY) on a private IP only; client certificates are left to the Cloud SQL connectors and Auth Proxy, which bring their own
  #checkov:skip=CKV_GCP_14:Cloud SQL read replicas take no backups of their own; the primary is backed up
  count                = 1
  name                 = "gcpvar-prod-db-replica-${random_id.db_name.hex}-${count.index}"
  master_instance_name = google_sql_database_instance.db.name
  database_version     = "POSTGRES_18"
  region               = var.region
  deletion_protection  = true

  replica_configuration {
    failover_target = false
  }
  settings {
    tier                        = "db-custom-2-7680"
    edition                     = "ENTERPRISE"
    availability_type           = "ZONAL"
    disk_type                   = "PD_SSD"
    disk_size                   = 50
    disk_autoresize             = true
    disk_autoresize_limit       = 200
    deletion_protection_enabled = true
    user_labels = {
      terrace-role      = "read-replica"
      terrace-component = "db"
    }

    ip_configuration {
      ipv4_enabled                                  = false
      private_network                               = google_compute_network.main.id
      ssl_mode                                      = "ENCRYPTED_ONLY"
      enable_private_path_for_google_cloud_services = true
    }
    insights_config {
      query_insights_enabled  = true
      record_application_tags = false
      record_client_address   = false
    }
    database_flags {
      name  = "cloudsql.enable_pgaudit"
      value = "on"
    }
    database_flags {
      name  = "log_checkpoints"
      value = "on"
    }
    database_flags {
      name  = "log_connections"
      value = "on"
    }
    database_flags {
      name  = "log_disconnections"
      value = "on"
    }
    database_flags {
      name  = "log_duration"
      value = "on"
    }
    database_flags {
      name  = "log_error_verbosity"
      value = "default"
    }
    database_flags {
      name  = "log_hostname"
      value = "on"
    }
    database_flags {
      name  = "log_lock_waits"
      value = "on"
    }
    database_flags {
      name  = "log_min_duration_statement"
      value = "-1"
    }
    database_flags {
      name  = "log_min_error_statement"
      value = "error"
    }
    database_flags {
      name  = "log_min_messages"
      value = "error"
    }
    database_flags {
      name  = "log_statement"
      value = "ddl"
    }
    database_flags {
      name  = "log_temp_files"
      value = "0"
    }
  }
}

resource "google_sql_user" "db_admin" {
  name     = "terrace_admin"
  instance = google_sql_database_instance.db.name
  password = random_password.db_admin.result
}

resource "google_secret_manager_secret" "db_admin" {
  secret_id = "gcpvar-prod-db-admin-password"
  labels = {
    terrace-component = "db"
  }

  replication {
    user_managed {
      replicas {
        location = var.region
      }
    }
  }
}

resource "google_secret_manager_secret_version" "db_admin" {
  secret      = google_secret_manager_secret.db_admin.id
  secret_data = random_password.db_admin.result
}

resource "google_monitoring_alert_policy" "db_cpu_high" {
  display_name          = "gcpvar-prod/db/cpu-high"
  combiner              = "OR"
  notification_channels = google_monitoring_notification_channel.alarm_email[*].name
  user_labels = {
    terrace-component = "db"
  }

  documentation {
    content   = "Database CPU above 80% for 15 minutes"
    mime_type = "text/markdown"
  }
  conditions {
    display_name = "Database CPU above 80% for 15 minutes"

    condition_threshold {
      filter          = "resource.type = \"cloudsql_database\" AND metric.type = \"cloudsql.googleapis.com/database/cpu/utilization\" AND resource.labels.database_id = \"${var.project_id}:${google_sql_database_instance.db.name}\""
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

resource "google_monitoring_alert_policy" "db_free_storage_low" {
  display_name          = "gcpvar-prod/db/free-storage-low"
  combiner              = "OR"
  notification_channels = google_monitoring_notification_channel.alarm_email[*].name
  user_labels = {
    terrace-component = "db"
  }

  documentation {
    content   = "Free storage below 10% of allocated storage"
    mime_type = "text/markdown"
  }
  conditions {
    display_name = "Free storage below 10% of allocated storage"

    condition_threshold {
      filter          = "resource.type = \"cloudsql_database\" AND metric.type = \"cloudsql.googleapis.com/database/disk/utilization\" AND resource.labels.database_id = \"${var.project_id}:${google_sql_database_instance.db.name}\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0.9
      duration        = "0s"

      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_MAX"
        cross_series_reducer = "REDUCE_MIN"
      }
      trigger {
        count = 1
      }
    }
  }
}

resource "google_monitoring_alert_policy" "db_connections_high" {
  display_name          = "gcpvar-prod/db/connections-high"
  combiner              = "OR"
  notification_channels = google_monitoring_notification_channel.alarm_email[*].name
  user_labels = {
    terrace-component = "db"
  }

  documentation {
    content   = "Connections above 80% of the instance maximum"
    mime_type = "text/markdown"
  }
  conditions {
    display_name = "Connections above 80% of the instance maximum"

    condition_threshold {
      filter          = "resource.type = \"cloudsql_database\" AND metric.type = \"cloudsql.googleapis.com/database/postgresql/num_backends\" AND resource.labels.database_id = \"${var.project_id}:${google_sql_database_instance.db.name}\""
      comparison      = "COMPARISON_GT"
      threshold_value = 320
      duration        = "300s"

      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_MAX"
        cross_series_reducer = "REDUCE_MAX"
      }
      trigger {
        count = 1
      }
    }
  }
}

resource "google_monitoring_alert_policy" "db_replica_lag_high" {
  display_name          = "gcpvar-prod/db/replica-lag-high"
  combiner              = "OR"
  notification_channels = google_monitoring_notification_channel.alarm_email[*].name
  user_labels = {
    terrace-component = "db"
  }

  documentation {
    content   = "Read replica more than 60 seconds behind"
    mime_type = "text/markdown"
  }
  conditions {
    display_name = "Read replica more than 60 seconds behind"

    condition_threshold {
      filter          = "resource.type = \"cloudsql_database\" AND metric.type = \"cloudsql.googleapis.com/database/replication/replica_lag\" AND resource.labels.database_id = \"${var.project_id}:${google_sql_database_instance.db_replica[0].name}\""
      comparison      = "COMPARISON_GT"
      threshold_value = 60
      duration        = "240s"

      aggregations {
        alignment_period     = "60s"
        per_series_aligner   = "ALIGN_MAX"
        cross_series_reducer = "REDUCE_MAX"
      }
      trigger {
        count = 1
      }
    }
  }
}
