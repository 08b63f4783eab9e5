data "google_compute_zones" "workers" {
  region = var.region
  status = "UP"
}

resource "google_service_account" "workers_vm" {
  account_id   = "gcpvar-dev-workers-vm"
  display_name = "Instances of gcpvar-dev-workers"
  description  = "Identity of the workers vm-group of gcpvar-dev"
}

resource "google_compute_instance_template" "workers" {
  #checkov:skip=CKV_GCP_38:boot disks are encrypted at rest with Google-managed keys by design; customer-supplied keys would have to be handed to every instance start
  name_prefix    = "gcpvar-dev-workers-"
  description    = "gcpvar-dev workers instances"
  region         = var.region
  machine_type   = "e2-small"
  can_ip_forward = false
  tags           = ["gcpvar-dev-workers-vm", "gcpvar-dev-lb-backend"]
  labels = {
    terrace-component = "workers"
  }
  metadata = {
    block-project-ssh-keys = "true"
    enable-oslogin         = "TRUE"
    serial-port-enable     = "false"
  }

  disk {
    source_image = "debian-cloud/debian-12"
    auto_delete  = true
    boot         = true
    disk_type    = "pd-balanced"
    disk_size_gb = 20
    labels = {
      terrace-component = "workers"
    }
  }
  network_interface {
    subnetwork = google_compute_subnetwork.main.id
  }
  service_account {
    email  = google_service_account.workers_vm.email
    scopes = ["cloud-platform"]
  }
  shielded_instance_config {
    enable_secure_boot          = true
    enable_vtpm                 = true
    enable_integrity_monitoring = true
  }
  lifecycle {
    create_before_destroy = true
  }
}

resource "google_compute_region_health_check" "workers" {
  name                = "gcpvar-dev-workers-hc"
  region              = var.region
  check_interval_sec  = 10
  timeout_sec         = 5
  healthy_threshold   = 2
  unhealthy_threshold = 3

  http_health_check {
    port         = 8080
    request_path = "/healthz"
  }
  log_config {
    enable = true
  }
}

resource "google_compute_region_instance_group_manager" "workers" {
  name                      = "gcpvar-dev-workers"
  region                    = var.region
  base_instance_name        = "gcpvar-dev-workers"
  description               = "gcpvar-dev workers"
  distribution_policy_zones = slice(data.google_compute_zones.workers.names, 0, 2)

  version {
    name              = "primary"
    instance_template = google_compute_instance_template.workers.id
  }
  named_port {
    name = "app"
    port = 8080
  }
  auto_healing_policies {
    health_check      = google_compute_region_health_check.workers.id
    initial_delay_sec = 300
  }
  update_policy {
    type                  = "PROACTIVE"
    minimal_action        = "REPLACE"
    max_surge_fixed       = 2
    max_unavailable_fixed = 0
  }
  lifecycle {
    ignore_changes = [target_size]
  }
}

resource "google_compute_region_autoscaler" "workers" {
  name   = "gcpvar-dev-workers-as"
  region = var.region
  target = google_compute_region_instance_group_manager.workers.id

  autoscaling_policy {
    min_replicas    = 1
    max_replicas    = 2
    cooldown_period = 120

    cpu_utilization {
      target = 0.7
    }
  }
}

resource "google_compute_region_backend_service" "workers" {
  name                  = "gcpvar-dev-workers-be"
  region                = var.region
  load_balancing_scheme = "INTERNAL"
  protocol              = "TCP"
  health_checks         = [google_compute_region_health_check.workers.id]

  backend {
    group          = google_compute_region_instance_group_manager.workers.instance_group
    balancing_mode = "CONNECTION"
  }
  log_config {
    enable      = true
    sample_rate = 1
  }
}

resource "google_compute_forwarding_rule" "workers" {
  name                  = "gcpvar-dev-workers-fr"
  region                = var.region
  load_balancing_scheme = "INTERNAL"
  ip_protocol           = "TCP"
  ports                 = ["8080"]
  backend_service       = google_compute_region_backend_service.workers.id
  network               = google_compute_network.main.id
  subnetwork            = google_compute_subnetwork.main.id
  labels = {
    terrace-component = "workers"
  }
}

resource "google_compute_firewall" "workers" {
  name          = "gcpvar-dev-workers-allow"
  network       = google_compute_network.main.id
  description   = "workers: port 8080 from the VPC and the load balancer health checkers"
  direction     = "INGRESS"
  priority      = 900
  source_ranges = ["10.30.0.0/16", "35.191.0.0/16", "130.211.0.0/22", "209.85.152.0/22", "209.85.204.0/22"]
  target_tags   = ["gcpvar-dev-workers-vm"]

  allow {
    protocol = "tcp"
    ports    = ["8080"]
  }
  log_config {
    metadata = "EXCLUDE_ALL_METADATA"
  }
}

# gcpvar-dev/workers/unhealthy-targets (At least one target failing its health check for 3 minutes): Google Cloud has no metric for it here; no alert policy.
# gcpvar-dev/workers/5xx-high (More than 10 server errors (5xx) from targets in 5 minutes): Google Cloud has no metric for it here; no alert policy.
resource "google_monitoring_alert_policy" "workers_cpu_high" {
  display_name          = "gcpvar-dev/workers/cpu-high"
  combiner              = "OR"
  notification_channels = google_monitoring_notification_channel.alarm_email[*].name
  user_labels = {
    terrace-component = "workers"
  }

  documentation {
    content   = "CPU above 80% for 15 minutes"
    mime_type = "text/markdown"
  }
  conditions {
    display_name = "CPU above 80% for 15 minutes"

    condition_threshold {
      filter          = "resource.type = \"gce_instance\" AND metric.type = \"compute.googleapis.com/instance/cpu/utilization\" AND metadata.user_labels.\"terrace-component\" = \"workers\" AND metadata.user_labels.\"terrace-environment\" = \"gcpvar-dev\""
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

# gcpvar-dev/workers/memory-high (Memory above 80% for 15 minutes): Google Cloud has no metric for it here; no alert policy.
