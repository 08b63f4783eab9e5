output "network_id" {
  description = "VPC network of the environment"
  value       = google_compute_network.main.id
}

output "subnet_id" {
  description = "Subnet of the environment in its region"
  value       = google_compute_subnetwork.main.id
}

output "events_connection_string" {
  description = "events: standard SRV connection string (no credentials)"
  value       = mongodbatlas_advanced_cluster.events.connection_strings[0].standard_srv
}

output "events_app_secret" {
  description = "events: Secret Manager secret holding the application user's password"
  value       = google_secret_manager_secret.events_app.id
}

output "cache_host" {
  description = "cache: Redis host (port 6378, TLS)"
  value       = google_redis_instance.cache.host
}

output "cache_auth_secret" {
  description = "cache: Secret Manager secret holding the AUTH string"
  value       = google_secret_manager_secret.cache_auth.id
}

output "cache_server_ca_certs" {
  description = "cache: CA certificates clients verify the server with"
  value       = google_redis_instance.cache.server_ca_certs
}

output "inbound_bucket" {
  description = "inbound: Cloud Storage bucket name"
  value       = google_storage_bucket.inbound.name
}

output "archive_bucket" {
  description = "archive: Cloud Storage bucket name"
  value       = google_storage_bucket.archive.name
}

output "assets_bucket" {
  description = "assets: Cloud Storage bucket name"
  value       = google_storage_bucket.assets.name
}

output "web_ip_address" {
  description = "web: the CDN's anycast IP address (the A record of its domain)"
  value       = google_compute_global_address.web.address
}

output "app_secret_ids" {
  description = "app: Secret Manager secrets to add versions to"
  value = {
    partner-api-key     = google_secret_manager_secret.app_partner_api_key.id
    webhook-signing-key = google_secret_manager_secret.app_webhook_signing_key.id
  }
}
