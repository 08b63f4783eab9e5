resource "azurerm_storage_container" "inbound" {
  #checkov:skip=CKV2_AZURE_21:blob read logging is on for the whole account: a diagnostic setting sends the blob service logs (allLogs) to Log Analytics
  name                  = "inbound"
  storage_account_id    = azurerm_storage_account.main.id
  container_access_type = "private"
}
