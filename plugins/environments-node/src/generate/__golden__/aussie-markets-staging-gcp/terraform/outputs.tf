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

output "api_url" {
  description = "api: Cloud Run service URL"
  value       = google_cloud_run_v2_service.api.uri
}

output "api_images_repository_url" {
  description = "api-images: Docker repository URL (push with docker push <url>/<image>:<tag>)"
  value       = "${google_artifact_registry_repository.api_images.location}-docker.pkg.dev/${google_artifact_registry_repository.api_images.project}/${google_artifact_registry_repository.api_images.repository_id}"
}

output "logs_bucket" {
  description = "logs: Cloud Storage bucket name"
  value       = google_storage_bucket.logs.name
}

output "app_secret_ids" {
  description = "app: Secret Manager secrets to add versions to"
  value = {
    database-password = google_secret_manager_secret.app_database_password.id
    jwt-secret        = google_secret_manager_secret.app_jwt_secret.id
  }
}
