# TencentDB for PostgreSQL read-only groups and their networks, for the tencentcloud provider
# (1.83.25 or later; Terraform 1.5+ for the import blocks).
# Regions: ap-guangzhou, ap-shanghai
# Scope: all
# Generated at: 2026-01-02T03:04:05.000Z
# Read-only groups: 2; networks: 2

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

provider "tencentcloud" {
  alias  = "ap_shanghai"
  region = "ap-shanghai"
}

# Read-only group a (pgrogrp-1) of postgres-abc in ap-guangzhou
resource "tencentcloud_postgresql_readonly_group" "a" {
  provider                    = tencentcloud.ap_guangzhou
  master_db_instance_id       = "postgres-abc"
  name                        = "a"
  project_id                  = 0
  vpc_id                      = "vpc-gaestjaf"
  subnet_id                   = "subnet-4s9dejli"
  replay_lag_eliminate        = 1
  replay_latency_eliminate    = 1
  max_replay_lag              = 32
  max_replay_latency          = 512
  min_delay_eliminate_reserve = 1
}

import {
  provider = tencentcloud.ap_guangzhou
  to       = tencentcloud_postgresql_readonly_group.a
  id       = "pgrogrp-1"
}

# Read-only group b (pgrogrp-2) of postgres-abc in ap-shanghai
resource "tencentcloud_postgresql_readonly_group" "b" {
  provider                    = tencentcloud.ap_shanghai
  master_db_instance_id       = "postgres-abc"
  name                        = "b"
  project_id                  = 0
  vpc_id                      = "vpc-gaestjaf"
  subnet_id                   = "subnet-4s9dejli"
  replay_lag_eliminate        = 1
  replay_latency_eliminate    = 1
  max_replay_lag              = 32
  max_replay_latency          = 512
  min_delay_eliminate_reserve = 1
  security_groups_ids         = ["sg-1"]
}

import {
  provider = tencentcloud.ap_shanghai
  to       = tencentcloud_postgresql_readonly_group.b
  id       = "pgrogrp-2"
}
