# TencentDB for PostgreSQL read-only groups and their networks, for the tencentcloud provider
# (1.83.25 or later; Terraform 1.5+ for the import blocks).
# Regions: ap-guangzhou
# Scope: line break
# Generated at: 2026-01-02T03:04:05.000Z
# Read-only groups: 1; networks: 1

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

# Read-only group a resource "x" "y" {} (pgrogrp-"${var.x}"\) of postgres-abc in ap-guangzhou
resource "tencentcloud_postgresql_readonly_group" "a_resource_x_y" {
  provider                    = tencentcloud.ap_guangzhou
  master_db_instance_id       = "postgres-abc"
  name                        = "a\nresource \"x\" \"y\" {}"
  project_id                  = 0
  vpc_id                      = "vpc-gaestjaf"
  subnet_id                   = "subnet-4s9dejli"
  replay_lag_eliminate        = 1
  replay_latency_eliminate    = 1
  max_replay_lag              = 32
  max_replay_latency          = 512
  min_delay_eliminate_reserve = 1
  security_groups_ids         = ["sg-$${x}"]
}

import {
  provider = tencentcloud.ap_guangzhou
  to       = tencentcloud_postgresql_readonly_group.a_resource_x_y
  id       = "pgrogrp-\"$${var.x}\"\\"
}
