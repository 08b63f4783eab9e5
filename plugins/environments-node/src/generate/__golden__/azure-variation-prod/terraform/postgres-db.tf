resource "azurerm_private_dns_zone" "db" {
  name                = "azvar-prod-db.private.postgres.database.azure.com"
  resource_group_name = azurerm_resource_group.main.name
  tags = {
    "terrace:environment" = "azvar-prod"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "prod"
    "terrace:component"   = "db"
  }
}

resource "azurerm_private_dns_zone_virtual_network_link" "db" {
  name                  = "pdnslink-azvar-prod-db"
  resource_group_name   = azurerm_resource_group.main.name
  private_dns_zone_name = azurerm_private_dns_zone.db.name
  virtual_network_id    = azurerm_virtual_network.main.id
  registration_enabled  = false
  tags = {
    "terrace:environment" = "azvar-prod"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "prod"
    "terrace:component"   = "db"
  }
}

resource "random_password" "db_admin" {
  length  = 32
  special = false
}

resource "azurerm_key_vault_secret" "db_admin" {
  #checkov:skip=CKV_AZURE_41:no expiry date: Key Vault refuses to return an expired secret, so an expiry would break the application; rotate by replacing the value
  name         = "db-admin-password"
  key_vault_id = azurerm_key_vault.main.id
  value        = random_password.db_admin.result
  content_type = "password"
  tags = {
    "terrace:environment" = "azvar-prod"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "prod"
    "terrace:component"   = "db"
  }
  depends_on = [azurerm_role_assignment.deployer_secrets]
}

resource "azurerm_postgresql_flexible_server" "db" {
  #checkov:skip=CKV2_AZURE_57:VNet-integrated: injected into a delegated subnet with a private DNS zone and public access off, so no private endpoint is needed
  name                          = "psql-azvar-prod-db-868697"
  resource_group_name           = azurerm_resource_group.main.name
  location                      = azurerm_resource_group.main.location
  version                       = "16"
  sku_name                      = "GP_Standard_D2ds_v5"
  storage_mb                    = 65536
  auto_grow_enabled             = true
  delegated_subnet_id           = azurerm_subnet.postgres.id
  private_dns_zone_id           = azurerm_private_dns_zone.db.id
  public_network_access_enabled = false
  administrator_login           = "terrace_admin"
  administrator_password        = random_password.db_admin.result
  backup_retention_days         = 14
  geo_redundant_backup_enabled  = true
  zone                          = "1"

  high_availability {
    mode                      = "ZoneRedundant"
    standby_availability_zone = "2"
  }
  authentication {
    active_directory_auth_enabled = true
    password_auth_enabled         = true
    tenant_id                     = data.azurerm_client_config.current.tenant_id
  }
  maintenance_window {
    day_of_week  = 0
    start_hour   = 17
    start_minute = 30
  }
  tags = {
    "terrace:environment" = "azvar-prod"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "prod"
    "terrace:component"   = "db"
  }
  depends_on = [azurerm_private_dns_zone_virtual_network_link.db]

  lifecycle {
    ignore_changes = [zone, high_availability[0].standby_availability_zone]
  }
}

resource "azurerm_management_lock" "db" {
  name       = "terrace-deletion-protection"
  scope      = azurerm_postgresql_flexible_server.db.id
  lock_level = "CanNotDelete"
  notes      = "deletionProtection of db in environment.yaml"
}

resource "azurerm_postgresql_flexible_server_configuration" "db_log_statement" {
  name      = "log_statement"
  server_id = azurerm_postgresql_flexible_server.db.id
  value     = "ddl"
}

resource "azurerm_postgresql_flexible_server" "db_replica" {
  #checkov:skip=CKV2_AZURE_57:VNet-integrated: injected into a delegated subnet with a private DNS zone and public access off, so no private endpoint is needed
  #checkov:skip=CKV_AZURE_136:a read replica takes no backups of its own; the primary is backed up
  count                         = 1
  name                          = "psql-azvar-prod-db-868697-replica-${count.index}"
  resource_group_name           = azurerm_resource_group.main.name
  location                      = azurerm_resource_group.main.location
  version                       = "16"
  sku_name                      = "GP_Standard_D2ds_v5"
  storage_mb                    = 65536
  auto_grow_enabled             = true
  delegated_subnet_id           = azurerm_subnet.postgres.id
  private_dns_zone_id           = azurerm_private_dns_zone.db.id
  public_network_access_enabled = false
  create_mode                   = "Replica"
  source_server_id              = azurerm_postgresql_flexible_server.db.id
  zone                          = tostring(count.index % 3 + 1)
  tags = {
    "terrace:environment" = "azvar-prod"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "prod"
    "terrace:component"   = "db"
  }

  lifecycle {
    ignore_changes = [zone]
  }
}

resource "azurerm_monitor_diagnostic_setting" "postgres_db" {
  name                       = "terrace-log-analytics"
  target_resource_id         = azurerm_postgresql_flexible_server.db.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id

  enabled_log {
    category_group = "allLogs"
  }
  enabled_metric {
    category = "AllMetrics"
  }
}

resource "azurerm_monitor_diagnostic_setting" "postgres_db_replica" {
  count                      = 1
  name                       = "terrace-log-analytics"
  target_resource_id         = azurerm_postgresql_flexible_server.db_replica[count.index].id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id

  enabled_log {
    category_group = "allLogs"
  }
  enabled_metric {
    category = "AllMetrics"
  }
}

resource "azurerm_monitor_metric_alert" "db_cpu_high" {
  name                = "azvar-prod.db.cpu-high"
  resource_group_name = azurerm_resource_group.main.name
  scopes              = [azurerm_postgresql_flexible_server.db.id]
  description         = "Database CPU above 80% for 15 minutes"
  severity            = 2
  window_size         = "PT15M"
  frequency           = "PT5M"

  criteria {
    metric_namespace = "Microsoft.DBforPostgreSQL/flexibleServers"
    metric_name      = "cpu_percent"
    aggregation      = "Average"
    operator         = "GreaterThan"
    threshold        = 80
  }
  action {
    action_group_id = azurerm_monitor_action_group.alarms.id
  }
  tags = {
    "terrace:environment" = "azvar-prod"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "prod"
    "terrace:component"   = "db"
  }
}

resource "azurerm_monitor_metric_alert" "db_free_storage_low" {
  name                = "azvar-prod.db.free-storage-low"
  resource_group_name = azurerm_resource_group.main.name
  scopes              = [azurerm_postgresql_flexible_server.db.id]
  description         = "Free storage below 10% of allocated storage"
  severity            = 2
  window_size         = "PT5M"
  frequency           = "PT1M"

  criteria {
    metric_namespace = "Microsoft.DBforPostgreSQL/flexibleServers"
    metric_name      = "storage_free"
    aggregation      = "Minimum"
    operator         = "LessThan"
    threshold        = 6871947674
  }
  action {
    action_group_id = azurerm_monitor_action_group.alarms.id
  }
  tags = {
    "terrace:environment" = "azvar-prod"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "prod"
    "terrace:component"   = "db"
  }
}

resource "azurerm_monitor_metric_alert" "db_replica_lag_high" {
  name                = "azvar-prod.db.replica-lag-high"
  resource_group_name = azurerm_resource_group.main.name
  scopes              = [azurerm_postgresql_flexible_server.db_replica[0].id]
  description         = "Read replica more than 60 seconds behind"
  severity            = 2
  window_size         = "PT5M"
  frequency           = "PT1M"

  criteria {
    metric_namespace = "Microsoft.DBforPostgreSQL/flexibleServers"
    metric_name      = "physical_replication_delay_in_seconds"
    aggregation      = "Maximum"
    operator         = "GreaterThan"
    threshold        = 60
  }
  action {
    action_group_id = azurerm_monitor_action_group.alarms.id
  }
  tags = {
    "terrace:environment" = "azvar-prod"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "prod"
    "terrace:component"   = "db"
  }
}
