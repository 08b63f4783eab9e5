resource "azurerm_key_vault_secret" "app_stripe_key" {
  #checkov:skip=CKV_AZURE_41:no expiry date: Key Vault refuses to return an expired secret, so an expiry would break the application; rotate by replacing the value
  name         = "app-stripe-key"
  key_vault_id = azurerm_key_vault.main.id
  value        = "set-me-outside-terraform"
  content_type = "text/plain"
  tags = {
    "terrace:environment" = "azvar-dev"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "dev"
    "terrace:component"   = "app"
  }
  depends_on = [azurerm_role_assignment.deployer_secrets]

  lifecycle {
    ignore_changes = [value]
  }
}

resource "azurerm_key_vault_secret" "app_jwt_secret" {
  #checkov:skip=CKV_AZURE_41:no expiry date: Key Vault refuses to return an expired secret, so an expiry would break the application; rotate by replacing the value
  name         = "app-jwt-secret"
  key_vault_id = azurerm_key_vault.main.id
  value        = "set-me-outside-terraform"
  content_type = "text/plain"
  tags = {
    "terrace:environment" = "azvar-dev"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "dev"
    "terrace:component"   = "app"
  }
  depends_on = [azurerm_role_assignment.deployer_secrets]

  lifecycle {
    ignore_changes = [value]
  }
}
