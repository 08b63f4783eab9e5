resource "aws_ecs_cluster" "main" {
  name = "var-prod"

  setting {
    name  = "containerInsights"
    value = "enabled"
  }
  tags = {
    "terrace:component" = "shared"
  }
}
