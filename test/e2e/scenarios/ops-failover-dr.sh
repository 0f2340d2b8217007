#!/usr/bin/env bash
# Operations scenarios a and b for DR (fixtures/lab-ops-dr.yaml): MASTER failover under load, planned and crash, and the old MASTER's return.
#   bash test/e2e/run.sh ops-failover-dr   # from the host
# In the guest: bash test/e2e/scenarios/ops-failover-dr.sh [--until planned|rejoin] [--bundle DIR]
set -Eeuo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../e2e-lib.sh
source "$here/../e2e-lib.sh"
OPS_SCENARIO=ops-failover-dr OPS_FIXTURE=lab-ops-dr
# shellcheck source-path=SCRIPTDIR source=../ops-failover.sh
source "$here/../ops-failover.sh"
