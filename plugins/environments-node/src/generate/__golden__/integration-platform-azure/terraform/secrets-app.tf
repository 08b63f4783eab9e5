resource "azurerm_key_vault_secret" "app_partner_api_key" {
  #checkov:skip=CKV_AZURE_41:no expiry date: Key Vault refuses to return an expired secret, so an expiry would break the application; rotate by replacing the value
  name         = "app-partner-api-key"
  key_vault_id = azurerm_key_vault.main.id
  value        = "set-me-outside-terraform"
  content_type = "text/plain"
  tags = {
    "terrace:environment" = "integration-platform-staging"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/integrations"
    "terrace:system"      = "integration-platform"
    "terrace:tier"        = "staging"
    "terrace:component"   = "app"
  }
  depends_on = [azurerm_role_assignment.deployer_secrets]

  lifecycle {
    ignore_changes = [value]
  }
}

resource "azurerm_key_vault_secret" "app_webhook_signing_key" {
  #checkov:skip=CKV_AZURE_41:no expiry date: Key Vault refuses to return an expired secret, so an expiry would break the application; rotate by replacing the value
  name         = "app-webhook-signing-key"
  key_vault_id = azurerm_key_vault.main.id
  value        = "set-me-outside-terraform"
  content_type = "text/plain"
  tags = {
    "terrace:environment" = "integration-platform-staging"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/integrations"
    "terrace:system"      = "integration-platform"
    "terrace:tier"        = "staging"
    "terrace:component"   = "app"
  }
  depends_on = [azurerm_role_assignment.deployer_secrets]

  lifecycle {
    ignore_changes = [value]
  }
}
