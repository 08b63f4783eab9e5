locals {
  public_subnets  = ["10.0.0.0/19", "10.0.32.0/19"]
  private_subnets = ["10.0.64.0/19", "10.0.96.0/19"]
  data_subnets    = ["10.0.128.0/19", "10.0.160.0/19"]
}

data "aws_availability_zones" "available" {
  #checkov:skip=CKV_AWS_394:subnets take the first zones of the sorted list by index and their count is fixed, so a zone AWS adds later changes nothing
  state = "available"
}

resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags = {
    Name                = "aussie-markets-staging"
    "terrace:component" = "network"
  }
}

resource "aws_default_security_group" "main" {
  # The default security group allows nothing; every component has its own.
  vpc_id = aws_vpc.main.id
  tags = {
    Name                = "aussie-markets-staging-default-deny"
    "terrace:component" = "network"
  }
}

resource "aws_internet_gateway" "main" {
  vpc_id = aws_vpc.main.id
  tags = {
    Name                = "aussie-markets-staging"
    "terrace:component" = "network"
  }
}

resource "aws_subnet" "public" {
  count                   = length(local.public_subnets)
  vpc_id                  = aws_vpc.main.id
  cidr_block              = local.public_subnets[count.index]
  availability_zone       = data.aws_availability_zones.available.names[count.index]
  map_public_ip_on_launch = false
  tags = {
    Name                = "aussie-markets-staging-public-${data.aws_availability_zones.available.names[count.index]}"
    "terrace:component" = "network"
  }
}

resource "aws_subnet" "private" {
  count                   = length(local.private_subnets)
  vpc_id                  = aws_vpc.main.id
  cidr_block              = local.private_subnets[count.index]
  availability_zone       = data.aws_availability_zones.available.names[count.index]
  map_public_ip_on_launch = false
  tags = {
    Name                = "aussie-markets-staging-private-${data.aws_availability_zones.available.names[count.index]}"
    "terrace:component" = "network"
  }
}

resource "aws_subnet" "data" {
  count                   = length(local.data_subnets)
  vpc_id                  = aws_vpc.main.id
  cidr_block              = local.data_subnets[count.index]
  availability_zone       = data.aws_availability_zones.available.names[count.index]
  map_public_ip_on_launch = false
  tags = {
    Name                = "aussie-markets-staging-data-${data.aws_availability_zones.available.names[count.index]}"
    "terrace:component" = "network"
  }
}

resource "aws_eip" "nat" {
  count  = 1
  domain = "vpc"
  tags = {
    Name                = "aussie-markets-staging-nat-${count.index}"
    "terrace:component" = "network"
  }
}

resource "aws_nat_gateway" "main" {
  count         = 1
  allocation_id = aws_eip.nat[count.index].id
  subnet_id     = aws_subnet.public[count.index].id
  tags = {
    Name                = "aussie-markets-staging-nat-${count.index}"
    "terrace:component" = "network"
  }
  depends_on = [aws_internet_gateway.main]
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.main.id
  }
  tags = {
    Name                = "aussie-markets-staging-public"
    "terrace:component" = "network"
  }
}

resource "aws_route_table_association" "public" {
  count          = length(aws_subnet.public)
  subnet_id      = aws_subnet.public[count.index].id
  route_table_id = aws_route_table.public.id
}

resource "aws_route_table" "private" {
  count  = length(aws_subnet.private)
  vpc_id = aws_vpc.main.id

  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.main[0].id
  }
  tags = {
    Name                = "aussie-markets-staging-private-${data.aws_availability_zones.available.names[count.index]}"
    "terrace:component" = "network"
  }
}

resource "aws_route_table_association" "private" {
  count          = length(aws_subnet.private)
  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private[count.index].id
}

resource "aws_route_table" "data" {
  # Data subnets have no route to the internet.
  vpc_id = aws_vpc.main.id
  tags = {
    Name                = "aussie-markets-staging-data"
    "terrace:component" = "network"
  }
}

resource "aws_route_table_association" "data" {
  count          = length(aws_subnet.data)
  subnet_id      = aws_subnet.data[count.index].id
  route_table_id = aws_route_table.data.id
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.${var.region}.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = concat(aws_route_table.private[*].id, [aws_route_table.data.id])
  tags = {
    Name                = "aussie-markets-staging-s3"
    "terrace:component" = "network"
  }
}

resource "aws_cloudwatch_log_group" "flow_logs" {
  #checkov:skip=CKV_AWS_338:the staging tier keeps flow logs 30 days to bound log storage cost
  name              = "/terrace/aussie-markets-staging/vpc-flow-logs"
  retention_in_days = 30
  kms_key_id        = aws_kms_key.main.arn
  tags = {
    "terrace:component" = "network"
  }
}

resource "aws_iam_role" "flow_logs" {
  name = "aussie-markets-staging-vpc-flow-logs"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Service = "vpc-flow-logs.amazonaws.com"
        }
        Action = "sts:AssumeRole"
      },
    ]
  })
  tags = {
    "terrace:component" = "network"
  }
}

resource "aws_iam_role_policy" "flow_logs" {
  name = "write-flow-logs"
  role = aws_iam_role.flow_logs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]
        Resource = "${aws_cloudwatch_log_group.flow_logs.arn}:*"
      },
    ]
  })
}

resource "aws_flow_log" "main" {
  vpc_id                   = aws_vpc.main.id
  traffic_type             = "ALL"
  log_destination_type     = "cloud-watch-logs"
  log_destination          = aws_cloudwatch_log_group.flow_logs.arn
  iam_role_arn             = aws_iam_role.flow_logs.arn
  max_aggregation_interval = 60
  tags = {
    "terrace:component" = "network"
  }
}
