resource "aws_ecs_cluster" "main" {
  name = "var-dev"

  setting {
    name  = "containerInsights"
    value = "enabled"
  }
  tags = {
    "terrace:component" = "shared"
  }
}
