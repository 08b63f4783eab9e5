resource "azurerm_storage_account" "main" {
  #checkov:skip=CKV2_AZURE_1:encrypted with Microsoft-managed keys by design; customer-managed keys add a key vault key and identity per account
  #checkov:skip=CKV_AZURE_33:the account serves blobs only; queue logging has nothing to log (blob logs go to Log Analytics by a diagnostic setting)
  #checkov:skip=CKV2_AZURE_33:no private endpoint in staging (prod has one): access is limited to the private subnets (service endpoints) and the management ranges
  #checkov:skip=CKV_AZURE_59:public network access is "selected networks": the private subnets by service endpoint and var.management_ip_ranges; a private endpoint costs about 7.30 USD a month
  #checkov:skip=CKV_AZURE_206:zone-redundant (ZRS) in staging; prod is geo-zone-redundant (GZRS)
  name                             = "stintegrationplatfbb22dd"
  resource_group_name              = azurerm_resource_group.main.name
  location                         = azurerm_resource_group.main.location
  account_kind                     = "StorageV2"
  account_tier                     = "Standard"
  account_replication_type         = "ZRS"
  min_tls_version                  = "TLS1_2"
  https_traffic_only_enabled       = true
  shared_access_key_enabled        = false
  default_to_oauth_authentication  = true
  allow_nested_items_to_be_public  = false
  cross_tenant_replication_enabled = false
  public_network_access_enabled    = true
  local_user_enabled               = false

  blob_properties {
    versioning_enabled = true

    delete_retention_policy {
      days = 7
    }
    container_delete_retention_policy {
      days = 7
    }
  }
  sas_policy {
    expiration_period = "01.00:00:00"
    expiration_action = "Log"
  }
  network_rules {
    default_action             = "Deny"
    bypass                     = ["AzureServices", "Logging", "Metrics"]
    ip_rules                   = var.management_ip_ranges
    virtual_network_subnet_ids = azurerm_subnet.private[*].id
  }
  tags = {
    "terrace:environment" = "integration-platform-staging"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/integrations"
    "terrace:system"      = "integration-platform"
    "terrace:tier"        = "staging"
    "terrace:component"   = "shared"
  }
}

resource "azurerm_storage_management_policy" "main" {
  storage_account_id = azurerm_storage_account.main.id

  rule {
    name    = "inbound"
    enabled = true

    filters {
      blob_types   = ["blockBlob"]
      prefix_match = ["inbound/"]
    }
    actions {
      base_blob {
        delete_after_days_since_modification_greater_than = 30
      }
      version {
        delete_after_days_since_creation = 30
      }
    }
  }
  rule {
    name    = "archive"
    enabled = true

    filters {
      blob_types   = ["blockBlob"]
      prefix_match = ["archive/"]
    }
    actions {
      base_blob {
        tier_to_cold_after_days_since_modification_greater_than = 30
      }
      version {
        delete_after_days_since_creation = 90
      }
    }
  }
}

resource "azurerm_monitor_diagnostic_setting" "storage_blob_main" {
  name                       = "terrace-log-analytics"
  target_resource_id         = "${azurerm_storage_account.main.id}/blobServices/default"
  log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id

  enabled_log {
    category_group = "allLogs"
  }
  enabled_metric {
    category = "AllMetrics"
  }
}

resource "azurerm_storage_account" "public" {
  #checkov:skip=CKV2_AZURE_1:encrypted with Microsoft-managed keys by design; customer-managed keys add a key vault key and identity per account
  #checkov:skip=CKV_AZURE_33:the account serves blobs only; queue logging has nothing to log (blob logs go to Log Analytics by a diagnostic setting)
  #checkov:skip=CKV2_AZURE_33:Front Door Standard reaches its origins over the internet; private link origins need Front Door Premium
  #checkov:skip=CKV_AZURE_59:public buckets are read anonymously by Front Door Standard, which has no private link to origins (only Premium has)
  #checkov:skip=CKV_AZURE_35:public buckets are read by Front Door Standard from the internet: the storage firewall cannot admit Front Door alone
  #checkov:skip=CKV_AZURE_190:this account holds only the public buckets, whose containers allow anonymous reads of blobs (no listing) for Front Door
  #checkov:skip=CKV2_AZURE_47:this account holds only the public buckets, whose containers allow anonymous reads of blobs (no listing) for Front Door
  #checkov:skip=CKV_AZURE_206:zone-redundant (ZRS) in staging; prod is geo-zone-redundant (GZRS)
  name                             = "stintegrationplpubbb22dd"
  resource_group_name              = azurerm_resource_group.main.name
  location                         = azurerm_resource_group.main.location
  account_kind                     = "StorageV2"
  account_tier                     = "Standard"
  account_replication_type         = "ZRS"
  min_tls_version                  = "TLS1_2"
  https_traffic_only_enabled       = true
  shared_access_key_enabled        = false
  default_to_oauth_authentication  = true
  allow_nested_items_to_be_public  = true
  cross_tenant_replication_enabled = false
  public_network_access_enabled    = true
  local_user_enabled               = false

  blob_properties {
    versioning_enabled = true

    delete_retention_policy {
      days = 7
    }
    container_delete_retention_policy {
      days = 7
    }
    cors_rule {
      allowed_origins    = ["https://integrations.example.com"]
      allowed_methods    = ["GET", "HEAD"]
      allowed_headers    = ["*"]
      exposed_headers    = ["ETag"]
      max_age_in_seconds = 3000
    }
  }
  sas_policy {
    expiration_period = "01.00:00:00"
    expiration_action = "Log"
  }
  network_rules {
    default_action = "Allow"
    bypass         = ["AzureServices", "Logging", "Metrics"]
  }
  tags = {
    "terrace:environment" = "integration-platform-staging"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/integrations"
    "terrace:system"      = "integration-platform"
    "terrace:tier"        = "staging"
    "terrace:component"   = "shared"
  }
}

resource "azurerm_monitor_diagnostic_setting" "storage_blob_public" {
  name                       = "terrace-log-analytics"
  target_resource_id         = "${azurerm_storage_account.public.id}/blobServices/default"
  log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id

  enabled_log {
    category_group = "allLogs"
  }
  enabled_metric {
    category = "AllMetrics"
  }
}
