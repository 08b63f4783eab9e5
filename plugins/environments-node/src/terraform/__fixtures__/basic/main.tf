terraform {
  required_version = ">= 1.4"
  backend "local" {}
}

variable "greeting" {
  type        = string
  description = "A plain value."
  default     = "hello"
}

variable "db_password" {
  type        = string
  description = "A sensitive value that must never reach the log."
  sensitive   = true
}

resource "terraform_data" "app" {
  input = {
    greeting = var.greeting
    secret   = var.db_password
  }
}

module "child" {
  source = "./modules/child"
  name   = var.greeting
}

output "greeting" {
  value = terraform_data.app.output.greeting
}

output "child_id" {
  value = module.child.id
}

output "password" {
  value     = var.db_password
  sensitive = true
}
