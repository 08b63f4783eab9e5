output "db_fqdn" {
  description = "db: PostgreSQL server host name (private DNS)"
  value       = azurerm_postgresql_flexible_server.db.fqdn
}

output "db_admin_secret_id" {
  description = "db: Key Vault secret holding the admin password"
  value       = azurerm_key_vault_secret.db_admin.versionless_id
}

output "docs_connection_string" {
  description = "docs: standard SRV connection string (no credentials)"
  value       = mongodbatlas_advanced_cluster.docs.connection_strings[0].standard_srv
}

output "docs_app_secret_id" {
  description = "docs: Key Vault secret holding the application user's password"
  value       = azurerm_key_vault_secret.docs_app.versionless_id
}

output "cache_hostname" {
  description = "cache: managed Redis host name (TLS, port 10000)"
  value       = azurerm_managed_redis.cache.hostname
}

output "assets_container_url" {
  description = "assets: blob container URL (served through edge)"
  value       = "${azurerm_storage_account.public.primary_blob_endpoint}${azurerm_storage_container.assets.name}"
}

output "media_container_url" {
  description = "media: blob container URL (served through edge)"
  value       = "${azurerm_storage_account.public.primary_blob_endpoint}${azurerm_storage_container.media.name}"
}

output "edge_host_name" {
  description = "edge: Front Door endpoint host name"
  value       = azurerm_cdn_frontdoor_endpoint.edge.host_name
}

output "images_login_server" {
  description = "images: registry login server"
  value       = azurerm_container_registry.images.login_server
}

output "api_fqdn" {
  description = "api: the app's public host name"
  value       = azurerm_container_app.api.ingress[0].fqdn
}

output "workers_load_balancer_ip" {
  description = "workers: the load balancer's public address"
  value       = azurerm_public_ip.workers.ip_address
}

output "worker_fqdn" {
  description = "worker: the app's internal host name"
  value       = azurerm_container_app.worker.ingress[0].fqdn
}

output "api_edge_host_name" {
  description = "api-edge: Front Door endpoint host name"
  value       = azurerm_cdn_frontdoor_endpoint.api_edge.host_name
}

output "uploads_container_url" {
  description = "uploads: blob container URL (Entra ID access only)"
  value       = "${azurerm_storage_account.main.primary_blob_endpoint}${azurerm_storage_container.uploads.name}"
}

output "app_secret_ids" {
  description = "app: Key Vault secret IDs (versionless) by name"
  value = {
    stripe-key = azurerm_key_vault_secret.app_stripe_key.versionless_id
    jwt-secret = azurerm_key_vault_secret.app_jwt_secret.versionless_id
  }
}
