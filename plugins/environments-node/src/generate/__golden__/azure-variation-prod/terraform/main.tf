data "azurerm_client_config" "current" {}

resource "azurerm_resource_group" "main" {
  name     = "rg-azvar-prod"
  location = var.location
  tags = {
    "terrace:environment" = "azvar-prod"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "prod"
    "terrace:component"   = "shared"
  }
}

resource "azurerm_log_analytics_workspace" "main" {
  name                = "log-azvar-prod"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  sku                 = "PerGB2018"
  retention_in_days   = 90
  tags = {
    "terrace:environment" = "azvar-prod"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "prod"
    "terrace:component"   = "shared"
  }
}

resource "azurerm_monitor_action_group" "alarms" {
  name                = "ag-azvar-prod-alarms"
  resource_group_name = azurerm_resource_group.main.name
  short_name          = "azvar-prod"
  tags = {
    "terrace:environment" = "azvar-prod"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "prod"
    "terrace:component"   = "shared"
  }
}

resource "azurerm_key_vault" "main" {
  #checkov:skip=CKV_AZURE_189:Terraform writes the secrets from CI runners outside the virtual network; the firewall admits only the subnets and var.management_ip_ranges
  name                          = "kv-azvar-prod-868697"
  location                      = azurerm_resource_group.main.location
  resource_group_name           = azurerm_resource_group.main.name
  tenant_id                     = data.azurerm_client_config.current.tenant_id
  sku_name                      = "standard"
  enable_rbac_authorization     = true
  purge_protection_enabled      = true
  soft_delete_retention_days    = 90
  public_network_access_enabled = true

  network_acls {
    bypass                     = "AzureServices"
    default_action             = "Deny"
    ip_rules                   = var.management_ip_ranges
    virtual_network_subnet_ids = concat(azurerm_subnet.private[*].id, [azurerm_subnet.apps.id])
  }
  tags = {
    "terrace:environment" = "azvar-prod"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "prod"
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

resource "azurerm_private_dns_zone" "vault" {
  name                = "privatelink.vaultcore.azure.net"
  resource_group_name = azurerm_resource_group.main.name
  tags = {
    "terrace:environment" = "azvar-prod"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "prod"
    "terrace:component"   = "shared"
  }
}

resource "azurerm_private_dns_zone_virtual_network_link" "vault" {
  name                  = "pdnslink-vault"
  resource_group_name   = azurerm_resource_group.main.name
  private_dns_zone_name = azurerm_private_dns_zone.vault.name
  virtual_network_id    = azurerm_virtual_network.main.id
  registration_enabled  = false
  tags = {
    "terrace:environment" = "azvar-prod"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "prod"
    "terrace:component"   = "shared"
  }
}

resource "azurerm_private_endpoint" "key_vault" {
  name                = "pe-azvar-prod-key-vault"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  subnet_id           = azurerm_subnet.endpoints.id

  private_service_connection {
    name                           = "pe-azvar-prod-key-vault"
    private_connection_resource_id = azurerm_key_vault.main.id
    subresource_names              = ["vault"]
    is_manual_connection           = false
  }
  private_dns_zone_group {
    name                 = "vault"
    private_dns_zone_ids = [azurerm_private_dns_zone.vault.id]
  }
  tags = {
    "terrace:environment" = "azvar-prod"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "prod"
    "terrace:component"   = "shared"
  }
}
