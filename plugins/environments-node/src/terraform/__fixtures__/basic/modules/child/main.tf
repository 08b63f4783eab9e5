variable "name" {
  type        = string
  description = "Name of the child resource."
}

resource "terraform_data" "child" {
  input = var.name
}

output "id" {
  value = terraform_data.child.id
}
