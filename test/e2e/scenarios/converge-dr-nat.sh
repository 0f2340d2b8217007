#!/usr/bin/env bash
# Scenario converge-dr-nat: converge.sh's kills on lab-dr's real server and lab-nat's director (converge itself runs
# seed-tun's director and real server), a scenario of its own so that each half can take a guest.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LVSCC_CONVERGE_NAME=converge-dr-nat LVSCC_CONVERGE_HOSTS=${LVSCC_CONVERGE_HOSTS:-drs nlvs} exec bash "$here/converge.sh" "$@"
