output "events_connection_string" {
  description = "events: standard SRV connection string (no credentials)"
  value       = mongodbatlas_advanced_cluster.events.connection_strings[0].standard_srv
}

output "events_app_secret_id" {
  description = "events: Key Vault secret holding the application user's password"
  value       = azurerm_key_vault_secret.events_app.versionless_id
}

output "cache_hostname" {
  description = "cache: managed Redis host name (TLS, port 10000)"
  value       = azurerm_managed_redis.cache.hostname
}

output "inbound_container_url" {
  description = "inbound: blob container URL (Entra ID access only)"
  value       = "${azurerm_storage_account.main.primary_blob_endpoint}${azurerm_storage_container.inbound.name}"
}

output "archive_container_url" {
  description = "archive: blob container URL (Entra ID access only)"
  value       = "${azurerm_storage_account.main.primary_blob_endpoint}${azurerm_storage_container.archive.name}"
}

output "assets_container_url" {
  description = "assets: blob container URL (served through web)"
  value       = "${azurerm_storage_account.public.primary_blob_endpoint}${azurerm_storage_container.assets.name}"
}

output "web_host_name" {
  description = "web: Front Door endpoint host name"
  value       = azurerm_cdn_frontdoor_endpoint.web.host_name
}

output "app_secret_ids" {
  description = "app: Key Vault secret IDs (versionless) by name"
  value = {
    partner-api-key     = azurerm_key_vault_secret.app_partner_api_key.versionless_id
    webhook-signing-key = azurerm_key_vault_secret.app_webhook_signing_key.versionless_id
  }
}
