resource "google_service_account" "api" {
  account_id   = "gcpvar-dev-api-run"
  display_name = "Cloud Run service gcpvar-dev-api"
  description  = "Identity of the api service of gcpvar-dev"
}

resource "google_cloud_run_v2_service" "api" {
  name                = "gcpvar-dev-api"
  location            = var.region
  ingress             = "INGRESS_TRAFFIC_ALL"
  deletion_protection = false
  labels = {
    terrace-component = "api"
  }

  template {
    service_account = google_service_account.api.email
    labels = {
      terrace-component = "api"
    }

    scaling {
      min_instance_count = 0
      max_instance_count = 2
    }
    vpc_access {
      egress = "PRIVATE_RANGES_ONLY"

      network_interfaces {
        network    = google_compute_network.main.id
        subnetwork = google_compute_subnetwork.main.id
      }
    }
    containers {
      image = "${google_artifact_registry_repository.images.location}-docker.pkg.dev/${var.project_id}/${google_artifact_registry_repository.images.repository_id}/gcpvar-dev-images:latest"

      ports {
        container_port = 8080
      }
      resources {
        limits = {
          cpu    = "1"
          memory = "512Mi"
        }
        cpu_idle = true
      }
      startup_probe {
        period_seconds    = 10
        failure_threshold = 6

        http_get {
          path = "/healthz"
          port = 8080
        }
      }
      liveness_probe {
        period_seconds    = 30
        failure_threshold = 3

        http_get {
          path = "/healthz"
          port = 8080
        }
      }
    }
  }
}

resource "google_cloud_run_v2_service_iam_member" "api_public" {
  name     = google_cloud_run_v2_service.api.name
  location = google_cloud_run_v2_service.api.location
  role     = "roles/run.invoker"
  member   = "allUsers"
}

# gcpvar-dev/api/unhealthy-targets (At least one target failing its health check for 3 minutes): Google Cloud has no metric for it here; no alert policy.
resource "google_monitoring_alert_policy" "api_5xx_high" {
  display_name          = "gcpvar-dev/api/5xx-high"
  combiner              = "OR"
  notification_channels = google_monitoring_notification_channel.alarm_email[*].name
  user_labels = {
    terrace-component = "api"
  }

  documentation {
    content   = "More than 10 server errors (5xx) from targets in 5 minutes"
    mime_type = "text/markdown"
  }
  conditions {
    display_name = "More than 10 server errors (5xx) from targets in 5 minutes"

    condition_threshold {
      filter          = "resource.type = \"cloud_run_revision\" AND metric.type = \"run.googleapis.com/request_count\" AND metric.labels.response_code_class = \"5xx\" AND resource.labels.service_name = \"${google_cloud_run_v2_service.api.name}\""
      comparison      = "COMPARISON_GT"
      threshold_value = 10
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

resource "google_monitoring_alert_policy" "api_cpu_high" {
  display_name          = "gcpvar-dev/api/cpu-high"
  combiner              = "OR"
  notification_channels = google_monitoring_notification_channel.alarm_email[*].name
  user_labels = {
    terrace-component = "api"
  }

  documentation {
    content   = "CPU above 80% for 15 minutes"
    mime_type = "text/markdown"
  }
  conditions {
    display_name = "CPU above 80% for 15 minutes"

    condition_threshold {
      filter          = "resource.type = \"cloud_run_revision\" AND metric.type = \"run.googleapis.com/container/cpu/utilizations\" AND resource.labels.service_name = \"${google_cloud_run_v2_service.api.name}\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0.8
      duration        = "600s"

      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_PERCENTILE_50"
        cross_series_reducer = "REDUCE_MEAN"
      }
      trigger {
        count = 1
      }
    }
  }
}

resource "google_monitoring_alert_policy" "api_memory_high" {
  display_name          = "gcpvar-dev/api/memory-high"
  combiner              = "OR"
  notification_channels = google_monitoring_notification_channel.alarm_email[*].name
  user_labels = {
    terrace-component = "api"
  }

  documentation {
    content   = "Memory above 80% for 15 minutes"
    mime_type = "text/markdown"
  }
  conditions {
    display_name = "Memory above 80% for 15 minutes"

    condition_threshold {
      filter          = "resource.type = \"cloud_run_revision\" AND metric.type = \"run.googleapis.com/container/memory/utilizations\" AND resource.labels.service_name = \"${google_cloud_run_v2_service.api.name}\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0.8
      duration        = "600s"

      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_PERCENTILE_50"
        cross_series_reducer = "REDUCE_MEAN"
      }
      trigger {
        count = 1
      }
    }
  }
}
