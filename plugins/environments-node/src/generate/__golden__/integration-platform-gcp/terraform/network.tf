resource "google_compute_network" "main" {
  name                    = "integration-platform-staging"
  description             = "Terrace environment integration-platform-staging"
  auto_create_subnetworks = false
  routing_mode            = "REGIONAL"
}

resource "google_compute_subnetwork" "main" {
  name                     = "integration-platform-staging-main"
  region                   = var.region
  network                  = google_compute_network.main.id
  ip_cidr_range            = "10.40.64.0/19"
  private_ip_google_access = true

  log_config {
    aggregation_interval = "INTERVAL_5_MIN"
    flow_sampling        = 0.5
    metadata             = "INCLUDE_ALL_METADATA"
  }
}

resource "google_compute_address" "nat" {
  name         = "integration-platform-staging-nat"
  description  = "Static Cloud NAT address (the MongoDB Atlas access list allows it)"
  region       = var.region
  address_type = "EXTERNAL"
  labels = {
    terrace-component = "network"
  }
}

resource "google_compute_router" "main" {
  name    = "integration-platform-staging-router"
  region  = var.region
  network = google_compute_network.main.id
}

resource "google_compute_router_nat" "main" {
  name                               = "integration-platform-staging-nat"
  region                             = var.region
  router                             = google_compute_router.main.name
  nat_ip_allocate_option             = "MANUAL_ONLY"
  nat_ips                            = [google_compute_address.nat.self_link]
  source_subnetwork_ip_ranges_to_nat = "ALL_SUBNETWORKS_ALL_IP_RANGES"

  log_config {
    enable = true
    filter = "ERRORS_ONLY"
  }
}

resource "google_compute_firewall" "deny_ingress" {
  name          = "integration-platform-staging-deny-ingress"
  network       = google_compute_network.main.id
  description   = "Deny all ingress not allowed by a rule of higher priority"
  direction     = "INGRESS"
  priority      = 65534
  source_ranges = ["0.0.0.0/0"]

  deny {
    protocol = "all"
  }
  log_config {
    metadata = "EXCLUDE_ALL_METADATA"
  }
}

resource "google_compute_firewall" "allow_health_checks" {
  name          = "integration-platform-staging-allow-health-checks"
  network       = google_compute_network.main.id
  description   = "Load balancer health checks reach load-balanced instances"
  direction     = "INGRESS"
  priority      = 1000
  source_ranges = ["35.191.0.0/16", "130.211.0.0/22"]
  target_tags   = ["integration-platform-staging-lb-backend"]

  allow {
    protocol = "tcp"
  }
  log_config {
    metadata = "EXCLUDE_ALL_METADATA"
  }
}

resource "google_compute_global_address" "private_services" {
  name          = "integration-platform-staging-psa"
  description   = "Private Service Access range for Cloud SQL and Memorystore"
  purpose       = "VPC_PEERING"
  address_type  = "INTERNAL"
  prefix_length = 20
  network       = google_compute_network.main.id
  labels = {
    terrace-component = "network"
  }
}

resource "google_service_networking_connection" "private_services" {
  network                 = google_compute_network.main.id
  service                 = "servicenetworking.googleapis.com"
  reserved_peering_ranges = [google_compute_global_address.private_services.name]
}
