# TencentDB for PostgreSQL read-only groups and their networks, for the tencentcloud provider
# (1.83.25 or later; Terraform 1.5+ for the import blocks).
# Regions: ap-guangzhou
# Scope: read-only group reports
# Generated at: 2026-01-02T03:04:05.000Z
# Read-only groups: 1; networks: 2

terraform {
  required_providers {
    tencentcloud = {
      source  = "tencentcloudstack/tencentcloud"
      version = ">= 1.83.25"
    }
  }
}

provider "tencentcloud" {
  alias  = "ap_guangzhou"
  region = "ap-guangzhou"
}

# Read-only group reports (pgrogrp-4t9c6g7k) of postgres-abc in ap-guangzhou
resource "tencentcloud_postgresql_readonly_group" "reports" {
  provider                    = tencentcloud.ap_guangzhou
  master_db_instance_id       = "postgres-abc"
  name                        = "reports"
  project_id                  = 1002
  vpc_id                      = "vpc-gaestjaf"
  subnet_id                   = "subnet-4s9dejli"
  replay_lag_eliminate        = 1
  replay_latency_eliminate    = 1
  max_replay_lag              = 32
  max_replay_latency          = 512
  min_delay_eliminate_reserve = 1
  security_groups_ids         = ["sg-5275dorp", "sg-0q7mbdzh"]
}

import {
  provider = tencentcloud.ap_guangzhou
  to       = tencentcloud_postgresql_readonly_group.reports
  id       = "pgrogrp-4t9c6g7k"
}

# No released tencentcloud provider has a resource for a read-only group's other network (a VPC or subnet
# other than the group's own), so it is not managed here. To create it again, run:
#   tccli postgres CreateReadOnlyGroupNetworkAccess --region='ap-guangzhou' --ReadOnlyGroupId='pgrogrp-4t9c6g7k' --VpcId='vpc-other001' --SubnetId='subnet-other01' --IsAssignVip='True' --Vip='172.16.0.9'
