resource "google_compute_global_address" "web" {
  name        = "integration-platfor-a8b4cd-ip"
  description = "Anycast address of the CDN web"
  labels = {
    terrace-component = "web"
  }
}

resource "google_compute_backend_bucket" "web_assets" {
  name             = "integration-platform-staging-web-assets"
  description      = "Bucket assets through the CDN web"
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

resource "google_compute_url_map" "web" {
  name            = "integration-platfor-a8b4cd"
  description     = "Routes of the CDN web"
  default_service = google_compute_backend_bucket.web_assets.id
}

resource "google_compute_managed_ssl_certificate" "web" {
  name = "integration-platfor-a8b4cd-cert"

  managed {
    domains = [var.web_domain]
  }
}

resource "google_compute_ssl_policy" "web" {
  name            = "integration-platfor-a8b4cd-tls"
  profile         = "MODERN"
  min_tls_version = "TLS_1_2"
}

resource "google_compute_target_https_proxy" "web" {
  name             = "integration-platfor-a8b4cd-https"
  url_map          = google_compute_url_map.web.id
  ssl_certificates = [google_compute_managed_ssl_certificate.web.id]
  ssl_policy       = google_compute_ssl_policy.web.id
}

resource "google_compute_global_forwarding_rule" "web_https" {
  name                  = "integration-platfor-a8b4cd-https"
  load_balancing_scheme = "EXTERNAL_MANAGED"
  ip_address            = google_compute_global_address.web.id
  port_range            = "443"
  target                = google_compute_target_https_proxy.web.id
  labels = {
    terrace-component = "web"
  }
}

resource "google_compute_url_map" "web_redirect" {
  name        = "integration-platfor-a8b4cd-redirect"
  description = "HTTP to HTTPS for the CDN web"

  default_url_redirect {
    https_redirect         = true
    redirect_response_code = "MOVED_PERMANENTLY_DEFAULT"
    strip_query            = false
  }
}

resource "google_compute_target_http_proxy" "web_redirect" {
  name    = "integration-platfor-a8b4cd-http"
  url_map = google_compute_url_map.web_redirect.id
}

resource "google_compute_global_forwarding_rule" "web_http" {
  name                  = "integration-platfor-a8b4cd-http"
  load_balancing_scheme = "EXTERNAL_MANAGED"
  ip_address            = google_compute_global_address.web.id
  port_range            = "80"
  target                = google_compute_target_http_proxy.web_redirect.id
  labels = {
    terrace-component = "web"
  }
}
