resource "google_compute_global_address" "edge" {
  name        = "gcpvar-prod-edge-ip"
  description = "Anycast address of the CDN edge"
  labels = {
    terrace-component = "edge"
  }
}

resource "google_compute_backend_bucket" "edge_assets" {
  name             = "gcpvar-prod-edge-assets"
  description      = "Bucket assets through the CDN edge"
  bucket_name      = google_storage_bucket.assets.name
  enable_cdn       = true
  compression_mode = "AUTOMATIC"

  cdn_policy {
    cache_mode        = "CACHE_ALL_STATIC"
    default_ttl       = 3600
    max_ttl           = 86400
    client_ttl        = 3600
    negative_caching  = true
    serve_while_stale = 86400
  }
}

resource "google_compute_url_map" "edge" {
  name            = "gcpvar-prod-edge"
  description     = "Routes of the CDN edge"
  default_service = google_compute_backend_bucket.edge_assets.id
}

resource "google_compute_managed_ssl_certificate" "edge" {
  name = "gcpvar-prod-edge-cert"

  managed {
    domains = [var.edge_domain]
  }
}

resource "google_compute_ssl_policy" "edge" {
  name            = "gcpvar-prod-edge-tls"
  profile         = "MODERN"
  min_tls_version = "TLS_1_2"
}

resource "google_compute_target_https_proxy" "edge" {
  name             = "gcpvar-prod-edge-https"
  url_map          = google_compute_url_map.edge.id
  ssl_certificates = [google_compute_managed_ssl_certificate.edge.id]
  ssl_policy       = google_compute_ssl_policy.edge.id
}

resource "google_compute_global_forwarding_rule" "edge_https" {
  name                  = "gcpvar-prod-edge-https"
  load_balancing_scheme = "EXTERNAL_MANAGED"
  ip_address            = google_compute_global_address.edge.id
  port_range            = "443"
  target                = google_compute_target_https_proxy.edge.id
  labels = {
    terrace-component = "edge"
  }
}

resource "google_compute_url_map" "edge_redirect" {
  name        = "gcpvar-prod-edge-redirect"
  description = "HTTP to HTTPS for the CDN edge"

  default_url_redirect {
    https_redirect         = true
    redirect_response_code = "MOVED_PERMANENTLY_DEFAULT"
    strip_query            = false
  }
}

resource "google_compute_target_http_proxy" "edge_redirect" {
  name    = "gcpvar-prod-edge-http"
  url_map = google_compute_url_map.edge_redirect.id
}

resource "google_compute_global_forwarding_rule" "edge_http" {
  name                  = "gcpvar-prod-edge-http"
  load_balancing_scheme = "EXTERNAL_MANAGED"
  ip_address            = google_compute_global_address.edge.id
  port_range            = "80"
  target                = google_compute_target_http_proxy.edge_redirect.id
  labels = {
    terrace-component = "edge"
  }
}
