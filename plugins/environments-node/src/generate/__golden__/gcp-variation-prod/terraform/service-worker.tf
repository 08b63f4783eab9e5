resource "google_service_account" "worker" {
  account_id   = "gcpvar-prod-worker-run"
  display_name = "Cloud Run service gcpvar-prod-worker"
  description  = "Identity of the worker service of gcpvar-prod"
}

resource "google_cloud_run_v2_service" "worker" {
  name                = "gcpvar-prod-worker"
  location            = var.region
  ingress             = "INGRESS_TRAFFIC_INTERNAL_ONLY"
  deletion_protection = true
  labels = {
    terrace-component = "worker"
  }

  template {
    service_account = google_service_account.worker.email
    labels = {
      terrace-component = "worker"
    }

    scaling {
      min_instance_count = 2
      max_instance_count = 10
    }
    vpc_access {
      egress = "PRIVATE_RANGES_ONLY"

      network_interfaces {
        network    = google_compute_network.main.id
        subnetwork = google_compute_subnetwork.main.id
      }
    }
    containers {
      image = "europe-docker.pkg.dev/acme/jobs/worker:1.4.2"

      ports {
        container_port = 8080
      }
      resources {
        limits = {
          cpu    = "1"
          memory = "2048Mi"
        }
        cpu_idle = true
      }
      startup_probe {
        period_seconds    = 10
        failure_threshold = 6

        http_get {
          path = "/health"
          port = 8080
        }
      }
      liveness_probe {
        period_seconds    = 30
        failure_threshold = 3

        http_get {
          path = "/health"
          port = 8080
        }
      }
    }
  }
}

# gcpvar-prod/worker/unhealthy-targets (At least one target failing its health check for 3 minutes): Google Cloud has no metric for it here; no alert policy.
resource "google_monitoring_alert_policy" "worker_5xx_high" {
  display_name          = "gcpvar-prod/worker/5xx-high"
  combiner              = "OR"
  notification_channels = google_monitoring_notification_channel.alarm_email[*].name
  user_labels = {
    terrace-component = "worker"
  }

  documentation {
    content   = "More than 10 server errors (5xx) from targets in 5 minutes"
    mime_type = "text/markdown"
  }
  conditions {
    display_name = "More than 10 server errors (5xx) from targets in 5 minutes"

    condition_threshold {
      filter          = "resource.type = \"cloud_run_revision\" AND metric.type = \"run.googleapis.com/request_count\" AND metric.labels.response_code_class = \"5xx\" AND resource.labels.service_name = \"${google_cloud_run_v2_service.worker.name}\""
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

resource "google_monitoring_alert_policy" "worker_cpu_high" {
  display_name          = "gcpvar-prod/worker/cpu-high"
  combiner              = "OR"
  notification_channels = google_monitoring_notification_channel.alarm_email[*].name
  user_labels = {
    terrace-component = "worker"
  }

  documentation {
    content   = "CPU above 80% for 15 minutes"
    mime_type = "text/markdown"
  }
  conditions {
    display_name = "CPU above 80% for 15 minutes"

    condition_threshold {
      filter          = "resource.type = \"cloud_run_revision\" AND metric.type = \"run.googleapis.com/container/cpu/utilizations\" AND resource.labels.service_name = \"${google_cloud_run_v2_service.worker.name}\""
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

resource "google_monitoring_alert_policy" "worker_memory_high" {
  display_name          = "gcpvar-prod/worker/memory-high"
  combiner              = "OR"
  notification_channels = google_monitoring_notification_channel.alarm_email[*].name
  user_labels = {
    terrace-component = "worker"
  }

  documentation {
    content   = "Memory above 80% for 15 minutes"
    mime_type = "text/markdown"
  }
  conditions {
    display_name = "Memory above 80% for 15 minutes"

    condition_threshold {
      filter          = "resource.type = \"cloud_run_revision\" AND metric.type = \"run.googleapis.com/container/memory/utilizations\" AND resource.labels.service_name = \"${google_cloud_run_v2_service.worker.name}\""
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
