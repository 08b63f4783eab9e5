resource "azurerm_lb" "workers" {
  name                = "lb-azvar-staging-workers"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  sku                 = "Standard"

  frontend_ip_configuration {
    name                          = "frontend"
    subnet_id                     = azurerm_subnet.private[0].id
    private_ip_address_allocation = "Dynamic"
    zones                         = ["1", "2"]
  }
  tags = {
    "terrace:environment" = "azvar-staging"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "staging"
    "terrace:component"   = "workers"
  }
}

resource "azurerm_lb_backend_address_pool" "workers" {
  name            = "instances"
  loadbalancer_id = azurerm_lb.workers.id
}

resource "azurerm_lb_probe" "workers" {
  name                = "health"
  loadbalancer_id     = azurerm_lb.workers.id
  protocol            = "Http"
  port                = 8080
  request_path        = "/health"
  interval_in_seconds = 15
  number_of_probes    = 2
}

resource "azurerm_lb_rule" "workers" {
  name                           = "http"
  loadbalancer_id                = azurerm_lb.workers.id
  protocol                       = "Tcp"
  frontend_port                  = 8080
  backend_port                   = 8080
  frontend_ip_configuration_name = "frontend"
  backend_address_pool_ids       = [azurerm_lb_backend_address_pool.workers.id]
  probe_id                       = azurerm_lb_probe.workers.id
  disable_outbound_snat          = true
  enable_tcp_reset               = true
}

resource "azurerm_network_security_rule" "workers" {
  count                       = 2
  name                        = "allow-workers"
  description                 = "workers: the virtual network to port 8080"
  network_security_group_name = azurerm_network_security_group.private[count.index].name
  resource_group_name         = azurerm_resource_group.main.name
  priority                    = 200
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "8080"
  source_address_prefix       = "VirtualNetwork"
  destination_address_prefix  = "VirtualNetwork"
}

resource "azurerm_user_assigned_identity" "workers" {
  name                = "id-azvar-staging-workers"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  tags = {
    "terrace:environment" = "azvar-staging"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "staging"
    "terrace:component"   = "workers"
  }
}

resource "azurerm_role_assignment" "workers_secrets" {
  scope                = azurerm_key_vault.main.id
  role_definition_name = "Key Vault Secrets User"
  principal_id         = azurerm_user_assigned_identity.workers.principal_id
}

resource "azurerm_role_assignment" "workers_blobs_main" {
  scope                = azurerm_storage_account.main.id
  role_definition_name = "Storage Blob Data Contributor"
  principal_id         = azurerm_user_assigned_identity.workers.principal_id
}

resource "azurerm_role_assignment" "workers_blobs_public" {
  scope                = azurerm_storage_account.public.id
  role_definition_name = "Storage Blob Data Contributor"
  principal_id         = azurerm_user_assigned_identity.workers.principal_id
}

resource "azurerm_linux_virtual_machine_scale_set" "workers" {
  #checkov:skip=CKV_AZURE_97:encryption at host needs the EncryptionAtHost feature registered on the subscription; the disks are encrypted at rest by the platform
  name                            = "vmss-azvar-staging-workers"
  location                        = azurerm_resource_group.main.location
  resource_group_name             = azurerm_resource_group.main.name
  sku                             = "Standard_B2s"
  instances                       = 1
  zones                           = ["1", "2"]
  zone_balance                    = true
  admin_username                  = "terrace"
  disable_password_authentication = true
  upgrade_mode                    = "Rolling"
  health_probe_id                 = azurerm_lb_probe.workers.id
  extension_operations_enabled    = false
  provision_vm_agent              = true
  secure_boot_enabled             = true
  vtpm_enabled                    = true

  admin_ssh_key {
    username   = "terrace"
    public_key = var.workers_admin_ssh_public_key
  }
  source_image_reference {
    publisher = "Canonical"
    offer     = "0001-com-ubuntu-server-jammy"
    sku       = "22_04-lts-gen2"
    version   = "latest"
  }
  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "StandardSSD_LRS"
    disk_size_gb         = 20
  }
  network_interface {
    name    = "primary"
    primary = true

    ip_configuration {
      name                                   = "primary"
      primary                                = true
      subnet_id                              = azurerm_subnet.private[0].id
      load_balancer_backend_address_pool_ids = [azurerm_lb_backend_address_pool.workers.id]
    }
  }
  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.workers.id]
  }
  boot_diagnostics {}
  rolling_upgrade_policy {
    max_batch_instance_percent              = 20
    max_unhealthy_instance_percent          = 20
    max_unhealthy_upgraded_instance_percent = 20
    pause_time_between_batches              = "PT1M"
  }
  automatic_instance_repair {
    enabled      = true
    grace_period = "PT10M"
  }
  tags = {
    "terrace:environment" = "azvar-staging"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "staging"
    "terrace:component"   = "workers"
  }

  lifecycle {
    ignore_changes = [instances]
  }
  depends_on = [azurerm_lb_rule.workers]
}

resource "azurerm_monitor_autoscale_setting" "workers" {
  name                = "as-azvar-staging-workers"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  target_resource_id  = azurerm_linux_virtual_machine_scale_set.workers.id

  profile {
    name = "cpu"

    capacity {
      default = 1
      minimum = 1
      maximum = 3
    }
    rule {
      metric_trigger {
        metric_name        = "Percentage CPU"
        metric_resource_id = azurerm_linux_virtual_machine_scale_set.workers.id
        time_grain         = "PT1M"
        statistic          = "Average"
        time_window        = "PT5M"
        time_aggregation   = "Average"
        operator           = "GreaterThan"
        threshold          = 70
      }
      scale_action {
        direction = "Increase"
        type      = "ChangeCount"
        value     = "1"
        cooldown  = "PT5M"
      }
    }
    rule {
      metric_trigger {
        metric_name        = "Percentage CPU"
        metric_resource_id = azurerm_linux_virtual_machine_scale_set.workers.id
        time_grain         = "PT1M"
        statistic          = "Average"
        time_window        = "PT5M"
        time_aggregation   = "Average"
        operator           = "LessThan"
        threshold          = 40
      }
      scale_action {
        direction = "Decrease"
        type      = "ChangeCount"
        value     = "1"
        cooldown  = "PT5M"
      }
    }
  }
  tags = {
    "terrace:environment" = "azvar-staging"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "staging"
    "terrace:component"   = "workers"
  }
}

resource "azurerm_monitor_diagnostic_setting" "lb_workers" {
  name                       = "terrace-log-analytics"
  target_resource_id         = azurerm_lb.workers.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id

  enabled_metric {
    category = "AllMetrics"
  }
}

resource "azurerm_monitor_metric_alert" "workers_unhealthy_targets" {
  name                = "azvar-staging.workers.unhealthy-targets"
  resource_group_name = azurerm_resource_group.main.name
  scopes              = [azurerm_lb.workers.id]
  description         = "At least one target failing its health check for 3 minutes"
  severity            = 2
  window_size         = "PT5M"
  frequency           = "PT1M"

  criteria {
    metric_namespace = "Microsoft.Network/loadBalancers"
    metric_name      = "DipAvailability"
    aggregation      = "Average"
    operator         = "LessThan"
    threshold        = 100
  }
  action {
    action_group_id = azurerm_monitor_action_group.alarms.id
  }
  tags = {
    "terrace:environment" = "azvar-staging"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "staging"
    "terrace:component"   = "workers"
  }
}

resource "azurerm_monitor_metric_alert" "workers_cpu_high" {
  name                = "azvar-staging.workers.cpu-high"
  resource_group_name = azurerm_resource_group.main.name
  scopes              = [azurerm_linux_virtual_machine_scale_set.workers.id]
  description         = "CPU above 80% for 15 minutes"
  severity            = 2
  window_size         = "PT15M"
  frequency           = "PT5M"

  criteria {
    metric_namespace = "Microsoft.Compute/virtualMachineScaleSets"
    metric_name      = "Percentage CPU"
    aggregation      = "Average"
    operator         = "GreaterThan"
    threshold        = 80
  }
  action {
    action_group_id = azurerm_monitor_action_group.alarms.id
  }
  tags = {
    "terrace:environment" = "azvar-staging"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "staging"
    "terrace:component"   = "workers"
  }
}

resource "azurerm_monitor_metric_alert" "workers_memory_high" {
  name                = "azvar-staging.workers.memory-high"
  resource_group_name = azurerm_resource_group.main.name
  scopes              = [azurerm_linux_virtual_machine_scale_set.workers.id]
  description         = "Memory above 80% for 15 minutes"
  severity            = 2
  window_size         = "PT15M"
  frequency           = "PT5M"

  criteria {
    metric_namespace = "Microsoft.Compute/virtualMachineScaleSets"
    metric_name      = "Available Memory Percentage"
    aggregation      = "Average"
    operator         = "LessThan"
    threshold        = 20
  }
  action {
    action_group_id = azurerm_monitor_action_group.alarms.id
  }
  tags = {
    "terrace:environment" = "azvar-staging"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "staging"
    "terrace:component"   = "workers"
  }
}
