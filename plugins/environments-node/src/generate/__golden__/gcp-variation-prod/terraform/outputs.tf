output "network_id" {
  description = "VPC network of the environment"
  value       = google_compute_network.main.id
}

output "subnet_id" {
  description = "Subnet of the environment in its region"
  value       = google_compute_subnetwork.main.id
}

output "db_private_ip" {
  description = "db: private IP address of the PostgreSQL instance"
  value       = google_sql_database_instance.db.private_ip_address
}

output "db_connection_name" {
  description = "db: connection name for the Cloud SQL connectors"
  value       = google_sql_database_instance.db.connection_name
}

output "db_admin_secret" {
  description = "db: Secret Manager secret holding the admin password"
  value       = google_secret_manager_secret.db_admin.id
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

output "images_repository_url" {
  description = "images: Docker repository URL (push with docker push <url>/<image>:<tag>)"
  value       = "${google_artifact_registry_repository.images.location}-docker.pkg.dev/${google_artifact_registry_repository.images.project}/${google_artifact_registry_repository.images.repository_id}"
}

output "docs_connection_string" {
  description = "docs: standard SRV connection string (no credentials)"
  value       = mongodbatlas_advanced_cluster.docs.connection_strings[0].standard_srv
}

output "docs_app_secret" {
  description = "docs: Secret Manager secret holding the application user's password"
  value       = google_secret_manager_secret.docs_app.id
}

output "api_url" {
  description = "api: Cloud Run service URL"
  value       = google_cloud_run_v2_service.api.uri
}

output "worker_url" {
  description = "worker: Cloud Run service URL"
  value       = google_cloud_run_v2_service.worker.uri
}

output "workers_address" {
  description = "workers: the load balancer's internal address (port 8080)"
  value       = google_compute_forwarding_rule.workers.ip_address
}

output "uploads_bucket" {
  description = "uploads: Cloud Storage bucket name"
  value       = google_storage_bucket.uploads.name
}

output "archive_bucket" {
  description = "archive: Cloud Storage bucket name"
  value       = google_storage_bucket.archive.name
}

output "assets_bucket" {
  description = "assets: Cloud Storage bucket name"
  value       = google_storage_bucket.assets.name
}

output "edge_ip_address" {
  description = "edge: the CDN's anycast IP address (the A record of its domain)"
  value       = google_compute_global_address.edge.address
}

output "app_secret_ids" {
  description = "app: Secret Manager secrets to add versions to"
  value = {
    stripe-key = google_secret_manager_secret.app_stripe_key.id
    jwt-secret = google_secret_manager_secret.app_jwt_secret.id
  }
}
