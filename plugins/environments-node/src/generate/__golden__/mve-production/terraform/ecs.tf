resource "aws_ecs_cluster" "main" {
  name = "mve-production"

  setting {
    name  = "containerInsights"
    value = "enabled"
  }
  tags = {
    "terrace:component" = "shared"
  }
}
