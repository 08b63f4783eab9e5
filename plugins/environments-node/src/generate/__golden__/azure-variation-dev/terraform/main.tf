data "azurerm_client_config" "current" {}

resource "azurerm_resource_group" "main" {
  name     = "rg-azvar-dev"
  location = var.location
  tags = {
    "terrace:environment" = "azvar-dev"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "dev"
    "terrace:component"   = "shared"
  }
}

resource "azurerm_log_analytics_workspace" "main" {
  name                = "log-azvar-dev"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  sku                 = "PerGB2018"
  retention_in_days   = 30
  tags = {
    "terrace:environment" = "azvar-dev"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "dev"
    "terrace:component"   = "shared"
  }
}

resource "azurerm_monitor_action_group" "alarms" {
  name                = "ag-azvar-dev-alarms"
  resource_group_name = azurerm_resource_group.main.name
  short_name          = "azvar-dev"
  tags = {
    "terrace:environment" = "azvar-dev"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "dev"
    "terrace:component"   = "shared"
  }
}

resource "azurerm_key_vault" "main" {
  #checkov:skip=CKV_AZURE_189:Terraform writes the secrets from CI runners outside the virtual network; the firewall admits only the subnets and var.management_ip_ranges
  #checkov:skip=CKV2_AZURE_32:no private endpoint in dev (about 7.30 USD a month each; prod has one): access is limited by the vault firewall and RBAC
  #checkov:skip=CKV_AZURE_110:purge protection is on in prod only: a dev vault must be purgeable so the environment can be re-created under the same name
  #checkov:skip=CKV_AZURE_42:soft delete is on (7 days); purge protection is on in prod only, so a dev vault can be purged and re-created
  name                          = "kv-azvar-dev-4d52fd"
  location                      = azurerm_resource_group.main.location
  resource_group_name           = azurerm_resource_group.main.name
  tenant_id                     = data.azurerm_client_config.current.tenant_id
  sku_name                      = "standard"
  enable_rbac_authorization     = true
  purge_protection_enabled      = false
  soft_delete_retention_days    = 7
  public_network_access_enabled = true

  network_acls {
    bypass                     = "AzureServices"
    default_action             = "Deny"
    ip_rules                   = var.management_ip_ranges
    virtual_network_subnet_ids = concat(azurerm_subnet.private[*].id, [azurerm_subnet.apps.id])
  }
  tags = {
    "terrace:environment" = "azvar-dev"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "dev"
    "terrace:component"   = "shared"
  }
}

resource "azurerm_role_assignment" "deployer_secrets" {
  scope                = azurerm_key_vault.main.id
  role_definition_name = "Key Vault Secrets Officer"
  principal_id         = data.azurerm_client_config.current.object_id
}

resource "azurerm_monitor_diagnostic_setting" "key_vault" {
  name                       = "terrace-log-analytics"
  target_resource_id         = azurerm_key_vault.main.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id

  enabled_log {
    category_group = "allLogs"
  }
  enabled_metric {
    category = "AllMetrics"
  }
}
