resource "azurerm_virtual_network" "main" {
  name                = "vnet-azvar-prod"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  address_space       = ["10.20.0.0/16"]
  tags = {
    "terrace:environment" = "azvar-prod"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "prod"
    "terrace:component"   = "network"
  }
}

resource "azurerm_monitor_diagnostic_setting" "virtual_network" {
  name                       = "terrace-log-analytics"
  target_resource_id         = azurerm_virtual_network.main.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id

  enabled_log {
    category_group = "allLogs"
  }
  enabled_metric {
    category = "AllMetrics"
  }
}

resource "azurerm_subnet" "private" {
  count                           = 3
  name                            = "snet-private-${count.index}"
  resource_group_name             = azurerm_resource_group.main.name
  virtual_network_name            = azurerm_virtual_network.main.name
  address_prefixes                = [local.private_subnets[count.index]]
  default_outbound_access_enabled = false
  service_endpoints               = ["Microsoft.KeyVault", "Microsoft.Storage"]
}

resource "azurerm_network_security_group" "private" {
  count               = 3
  name                = "nsg-azvar-prod-snet-private-${count.index}"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  tags = {
    "terrace:environment" = "azvar-prod"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "prod"
    "terrace:component"   = "network"
  }
}

resource "azurerm_subnet_network_security_group_association" "private" {
  count                     = 3
  subnet_id                 = azurerm_subnet.private[count.index].id
  network_security_group_id = azurerm_network_security_group.private[count.index].id
}

resource "azurerm_monitor_diagnostic_setting" "nsg_private" {
  count                      = 3
  name                       = "terrace-log-analytics"
  target_resource_id         = azurerm_network_security_group.private[count.index].id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id

  enabled_log {
    category_group = "allLogs"
  }
}

resource "azurerm_public_ip" "nat" {
  count               = 3
  name                = "pip-azvar-prod-ng-${count.index}"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  allocation_method   = "Static"
  sku                 = "Standard"
  zones               = [tostring(count.index + 1)]
  tags = {
    "terrace:environment" = "azvar-prod"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "prod"
    "terrace:component"   = "network"
  }
}

resource "azurerm_nat_gateway" "main" {
  count                   = 3
  name                    = "ng-azvar-prod-${count.index}"
  location                = azurerm_resource_group.main.location
  resource_group_name     = azurerm_resource_group.main.name
  sku_name                = "Standard"
  idle_timeout_in_minutes = 10
  zones                   = [tostring(count.index + 1)]
  tags = {
    "terrace:environment" = "azvar-prod"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "prod"
    "terrace:component"   = "network"
  }
}

resource "azurerm_nat_gateway_public_ip_association" "main" {
  count                = 3
  nat_gateway_id       = azurerm_nat_gateway.main[count.index].id
  public_ip_address_id = azurerm_public_ip.nat[count.index].id
}

resource "azurerm_subnet_nat_gateway_association" "private" {
  count          = 3
  subnet_id      = azurerm_subnet.private[count.index].id
  nat_gateway_id = azurerm_nat_gateway.main[count.index].id
}

resource "azurerm_monitor_diagnostic_setting" "nat_public_ip" {
  count                      = 3
  name                       = "terrace-log-analytics"
  target_resource_id         = azurerm_public_ip.nat[count.index].id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id

  enabled_log {
    category_group = "allLogs"
  }
  enabled_metric {
    category = "AllMetrics"
  }
}

resource "azurerm_subnet" "postgres" {
  name                            = "snet-postgres"
  resource_group_name             = azurerm_resource_group.main.name
  virtual_network_name            = azurerm_virtual_network.main.name
  address_prefixes                = ["10.20.128.0/20"]
  default_outbound_access_enabled = false

  delegation {
    name = "postgresql-flexible-servers"

    service_delegation {
      name    = "Microsoft.DBforPostgreSQL/flexibleServers"
      actions = ["Microsoft.Network/virtualNetworks/subnets/join/action"]
    }
  }
}

resource "azurerm_network_security_group" "postgres" {
  name                = "nsg-azvar-prod-snet-postgres"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  tags = {
    "terrace:environment" = "azvar-prod"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "prod"
    "terrace:component"   = "network"
  }
}

resource "azurerm_subnet_network_security_group_association" "postgres" {
  subnet_id                 = azurerm_subnet.postgres.id
  network_security_group_id = azurerm_network_security_group.postgres.id
}

resource "azurerm_monitor_diagnostic_setting" "nsg_postgres" {
  name                       = "terrace-log-analytics"
  target_resource_id         = azurerm_network_security_group.postgres.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id

  enabled_log {
    category_group = "allLogs"
  }
  enabled_metric {
    category = "AllMetrics"
  }
}

resource "azurerm_subnet" "endpoints" {
  name                            = "snet-data-endpoints"
  resource_group_name             = azurerm_resource_group.main.name
  virtual_network_name            = azurerm_virtual_network.main.name
  address_prefixes                = ["10.20.144.0/20"]
  default_outbound_access_enabled = false
}

resource "azurerm_network_security_group" "endpoints" {
  name                = "nsg-azvar-prod-snet-data-endpoints"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  tags = {
    "terrace:environment" = "azvar-prod"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "prod"
    "terrace:component"   = "network"
  }
}

resource "azurerm_subnet_network_security_group_association" "endpoints" {
  subnet_id                 = azurerm_subnet.endpoints.id
  network_security_group_id = azurerm_network_security_group.endpoints.id
}

resource "azurerm_monitor_diagnostic_setting" "nsg_endpoints" {
  name                       = "terrace-log-analytics"
  target_resource_id         = azurerm_network_security_group.endpoints.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id

  enabled_log {
    category_group = "allLogs"
  }
  enabled_metric {
    category = "AllMetrics"
  }
}

resource "azurerm_subnet" "apps" {
  name                 = "snet-apps"
  resource_group_name  = azurerm_resource_group.main.name
  virtual_network_name = azurerm_virtual_network.main.name
  address_prefixes     = ["10.20.0.0/20"]
  service_endpoints    = ["Microsoft.KeyVault", "Microsoft.Storage"]

  delegation {
    name = "container-apps"

    service_delegation {
      name    = "Microsoft.App/environments"
      actions = ["Microsoft.Network/virtualNetworks/subnets/join/action"]
    }
  }
}

resource "azurerm_network_security_group" "apps" {
  name                = "nsg-azvar-prod-snet-apps"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  tags = {
    "terrace:environment" = "azvar-prod"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "prod"
    "terrace:component"   = "network"
  }
}

resource "azurerm_subnet_network_security_group_association" "apps" {
  subnet_id                 = azurerm_subnet.apps.id
  network_security_group_id = azurerm_network_security_group.apps.id
}

resource "azurerm_monitor_diagnostic_setting" "nsg_apps" {
  name                       = "terrace-log-analytics"
  target_resource_id         = azurerm_network_security_group.apps.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id

  enabled_log {
    category_group = "allLogs"
  }
  enabled_metric {
    category = "AllMetrics"
  }
}

locals {
  private_subnets = ["10.20.64.0/20", "10.20.80.0/20", "10.20.96.0/20"]
}
