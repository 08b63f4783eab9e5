resource "azurerm_managed_redis" "cache" {
  name                      = "amr-integration-platform-staging-cache-bb22dd"
  resource_group_name       = azurerm_resource_group.main.name
  location                  = azurerm_resource_group.main.location
  sku_name                  = "Balanced_B1"
  high_availability_enabled = true

  default_database {
    access_keys_authentication_enabled = true
    client_protocol                    = "Encrypted"
    eviction_policy                    = "AllKeysLRU"
  }
  tags = {
    "terrace:environment" = "integration-platform-staging"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/integrations"
    "terrace:system"      = "integration-platform"
    "terrace:tier"        = "staging"
    "terrace:component"   = "cache"
  }
}

resource "azurerm_private_dns_zone" "redis" {
  name                = "privatelink.redis.azure.net"
  resource_group_name = azurerm_resource_group.main.name
  tags = {
    "terrace:environment" = "integration-platform-staging"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/integrations"
    "terrace:system"      = "integration-platform"
    "terrace:tier"        = "staging"
    "terrace:component"   = "cache"
  }
}

resource "azurerm_private_dns_zone_virtual_network_link" "redis" {
  name                  = "pdnslink-redis"
  resource_group_name   = azurerm_resource_group.main.name
  private_dns_zone_name = azurerm_private_dns_zone.redis.name
  virtual_network_id    = azurerm_virtual_network.main.id
  registration_enabled  = false
  tags = {
    "terrace:environment" = "integration-platform-staging"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/integrations"
    "terrace:system"      = "integration-platform"
    "terrace:tier"        = "staging"
    "terrace:component"   = "cache"
  }
}

resource "azurerm_private_endpoint" "cache" {
  name                = "pe-integration-platform-staging-cache"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  subnet_id           = azurerm_subnet.endpoints.id

  private_service_connection {
    name                           = "pe-integration-platform-staging-cache"
    private_connection_resource_id = azurerm_managed_redis.cache.id
    subresource_names              = ["redisEnterprise"]
    is_manual_connection           = false
  }
  private_dns_zone_group {
    name                 = "redis"
    private_dns_zone_ids = [azurerm_private_dns_zone.redis.id]
  }
  tags = {
    "terrace:environment" = "integration-platform-staging"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/integrations"
    "terrace:system"      = "integration-platform"
    "terrace:tier"        = "staging"
    "terrace:component"   = "cache"
  }
}

resource "azurerm_key_vault_secret" "cache_access_key" {
  #checkov:skip=CKV_AZURE_41:no expiry date: Key Vault refuses to return an expired secret, so an expiry would break the application; rotate by replacing the value
  name         = "cache-access-key"
  key_vault_id = azurerm_key_vault.main.id
  value        = azurerm_managed_redis.cache.default_database[0].primary_access_key
  content_type = "redis-access-key"
  tags = {
    "terrace:environment" = "integration-platform-staging"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/integrations"
    "terrace:system"      = "integration-platform"
    "terrace:tier"        = "staging"
    "terrace:component"   = "cache"
  }
  depends_on = [azurerm_role_assignment.deployer_secrets]
}

resource "azurerm_monitor_diagnostic_setting" "redis_cache" {
  name                       = "terrace-log-analytics"
  target_resource_id         = azurerm_managed_redis.cache.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id

  enabled_metric {
    category = "AllMetrics"
  }
}

resource "azurerm_monitor_metric_alert" "cache_cpu_high" {
  name                = "integration-platform-staging.cache.cpu-high"
  resource_group_name = azurerm_resource_group.main.name
  scopes              = [azurerm_managed_redis.cache.id]
  description         = "Engine CPU above 80% for 15 minutes"
  severity            = 2
  window_size         = "PT15M"
  frequency           = "PT5M"

  criteria {
    metric_namespace = "Microsoft.Cache/redisEnterprise"
    metric_name      = "percentProcessorTime"
    aggregation      = "Average"
    operator         = "GreaterThan"
    threshold        = 80
  }
  action {
    action_group_id = azurerm_monitor_action_group.alarms.id
  }
  tags = {
    "terrace:environment" = "integration-platform-staging"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/integrations"
    "terrace:system"      = "integration-platform"
    "terrace:tier"        = "staging"
    "terrace:component"   = "cache"
  }
}

resource "azurerm_monitor_metric_alert" "cache_memory_high" {
  name                = "integration-platform-staging.cache.memory-high"
  resource_group_name = azurerm_resource_group.main.name
  scopes              = [azurerm_managed_redis.cache.id]
  description         = "Memory use above 80%"
  severity            = 2
  window_size         = "PT15M"
  frequency           = "PT5M"

  criteria {
    metric_namespace = "Microsoft.Cache/redisEnterprise"
    metric_name      = "usedmemorypercentage"
    aggregation      = "Average"
    operator         = "GreaterThan"
    threshold        = 80
  }
  action {
    action_group_id = azurerm_monitor_action_group.alarms.id
  }
  tags = {
    "terrace:environment" = "integration-platform-staging"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/integrations"
    "terrace:system"      = "integration-platform"
    "terrace:tier"        = "staging"
    "terrace:component"   = "cache"
  }
}

resource "azurerm_monitor_metric_alert" "cache_evictions" {
  name                = "integration-platform-staging.cache.evictions"
  resource_group_name = azurerm_resource_group.main.name
  scopes              = [azurerm_managed_redis.cache.id]
  description         = "Keys evicted for lack of memory"
  severity            = 2
  window_size         = "PT5M"
  frequency           = "PT1M"

  criteria {
    metric_namespace = "Microsoft.Cache/redisEnterprise"
    metric_name      = "evictedkeys"
    aggregation      = "Total"
    operator         = "GreaterThan"
    threshold        = 0
  }
  action {
    action_group_id = azurerm_monitor_action_group.alarms.id
  }
  tags = {
    "terrace:environment" = "integration-platform-staging"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/integrations"
    "terrace:system"      = "integration-platform"
    "terrace:tier"        = "staging"
    "terrace:component"   = "cache"
  }
}
