#!/usr/bin/env bash
# Operations scenario h (fixtures/lab-ops-checks.yaml): a keepalived reload with a broken file is refused, under load.
#
# keepalived runs on lb1 from /etc/keepalived/keepalived.conf (a private mount namespace). The
# bundle's manifest gives the reload command of that file; the scenario runs it verbatim there (a
# lab `systemctl` turns `reload-or-restart keepalived` into SIGHUP). Phases, each a row:
#   broken: the file replaced by one with a typo (`virtual_servr` for HTTP's virtual server): the
#     reload command exits non-zero, keepalived does not reload, HTTP and streams go on: 0 failed,
#     0 reset, the IPVS table unchanged;
#   fixed: the bundle's file put back: the reload command succeeds, keepalived reloads, 0 failed.
#   bash test/e2e/run.sh ops-reload     # from the host
# In the guest: bash test/e2e/scenarios/ops-reload.sh [--bundle DIR]
set -Eeuo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../e2e-lib.sh
source "$here/../e2e-lib.sh"
e2e_begin ops-reload lab-ops-checks "$@"
# shellcheck source-path=SCRIPTDIR source=../ops-lib.sh
source "$E2E_DIR/ops-lib.sh"

VIP=192.168.10.100
RIP1=192.168.10.11
RIP2=192.168.10.12
FLAGS=/run/lvscc-ops
CONF=/etc/keepalived/keepalived.conf
reload=$(jq -r --arg h lb1 --arg p "$CONF" -f "$E2E_DIR/ops-reload-command.jq" "$E2E_BUNDLE/manifest.json")
e2e_check "the manifest has a reload command for $CONF: $reload" test -n "$reload"

e2e_hosts lan0 lb1 web1 web2 client
ip -n client addr add 192.168.10.50/24 dev eth0
e2e_apply lb1 web1 web2
mkdir -p "$FLAGS"
printf '#!/bin/sh\nexit 0\n' >"$FLAGS/misc-check" # the MISC_CHECK of HTTP: always up
chmod 0755 "$FLAGS" "$FLAGS/misc-check"
ops_serve web --http 80 --echo 7000 --dns 53 --vip "$VIP" "web1=$RIP1" "web2=$RIP2"
e2e_phase "applied; servers listen"

ops_keepalived_start lb1
full() { ops_table_is lb1 "$VIP:80" "$RIP1:80 $RIP2:80" && ops_table_is lb1 "$VIP:7000" "$RIP1:7000 $RIP2:7000"; }
if lab_poll 40 full; then
	e2e_ok "lb1's IPVS table has both real servers for HTTP and streams"
else
	e2e_fail "lb1's table is not full"
	ops_keepalived_logs lb1
fi
table_before=$(ip netns exec lb1 ipvsadm -Sn | sort)
ops_client_start client --http "$VIP:80" --echo "$VIP:7000"
if ops_streams_open "$OPS_STREAMS"; then e2e_ok "$OPS_STREAMS long-lived streams open"; else e2e_fail "the streams did not open"; fi
sleep 2
t_start=$(ops_mark)
log="$(ops_run)/lb1/keepalived.log"
reloads() { grep -c 'Reloading' "$log" || true; }

# --- a broken file ---------------------------------------------------------------------------------
t0=$(ops_mark)
n0=$(reloads)
ops_in_keepalived lb1 "sed -i 's/^virtual_server $VIP 80 {/virtual_servr $VIP 80 {/' $CONF && grep -q virtual_servr $CONF"
rc=0
out=$(ops_in_keepalived lb1 "$reload" 2>&1) || rc=$?
e2e_check "the reload command refused the broken file (status $rc)" test "$rc" -ne 0
printf '%s\n' "$out" | head -n 3 | sed 's/^/  reload: /'
sleep 5
t1=$(ops_mark)
ops_row "h. reload with a broken keepalived.conf" "$t0" "$t1"
e2e_expect_eq "keepalived did not reload" "$n0" "$(reloads)"
e2e_expect_eq "the IPVS table is unchanged" "$table_before" "$(ip netns exec lb1 ipvsadm -Sn | sort)"
ops_expect_zero "broken reload: HTTP requests failed" "$OPS_FAILED"
ops_expect_zero "broken reload: streams reset" "$OPS_RESET"

# --- the bundle's file again ------------------------------------------------------------------------
t0=$(ops_mark)
cp "$E2E_BUNDLE/hosts/lb1/rootfs$CONF" "$(ops_run)/good.conf"
ops_in_keepalived lb1 "cp $(ops_run)/good.conf $CONF"
rc=0
ops_in_keepalived lb1 "$reload" >/dev/null 2>&1 || rc=$?
e2e_expect_eq "the reload command accepted the bundle's file" 0 "$rc"
if lab_poll 20 eval "(( \$(reloads) > n0 ))"; then e2e_ok "keepalived reloaded"; else e2e_fail "keepalived did not reload the good file"; fi
sleep 4
t1=$(ops_mark)
ops_row "h. reload with the bundle's keepalived.conf" "$t0" "$t1"
ops_expect_zero "good reload: HTTP requests failed" "$OPS_FAILED"
ops_expect_zero "good reload: streams reset" "$OPS_RESET"
e2e_check "lb1's table is full after the reload" full

ops_client_stop
ops_row "all phases" "$t_start" inf
ops_expect_rate
ops_table ""
e2e_end "a broken keepalived.conf was refused by the manifest's reload command and the running configuration kept serving: $OPS_FAILED of $OPS_SENT failed, $OPS_RESET streams reset"
