#!/usr/bin/env bash
# Scenario 4, keepalived manager (fixtures/lab-ha.yaml): VRRP failover and health checks, for real.
#
# Each host is applied by its own apply.sh; keepalived runs in both director namespaces with the
# bundle's keepalived.conf (own pid files, foreground, console log). Asserts: the MASTER (lb1)
# takes the VIP and its IPVS table holds every real server; the VIP answers, rr over all three;
# when the MASTER dies (keepalived killed with SIGKILL and its link cut, like a power loss) the
# BACKUP takes the VIP and the service keeps answering; when one real server's HTTP server stops,
# the TCP health check drops it from the table and every request goes to the others; when it
# starts again the check brings it back and it answers again.
#   bash test/e2e/run.sh keepalived   # from the host
# In the guest: bash test/e2e/scenarios/keepalived.sh [--bundle DIR]
set -Eeuo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../e2e-lib.sh
source "$here/../e2e-lib.sh"
e2e_begin keepalived lab-ha "$@"

VIP=192.168.10.100
WEB=(web1 web2 web3)
declare -A RIP=([web1]=192.168.10.11 [web2]=192.168.10.12 [web3]=192.168.10.13)
run=$E2E_RUN/$E2E_NAME

e2e_hosts lan0 lb1 lb2 "${WEB[@]}" client
ip -n client addr add 192.168.10.50/24 dev eth0
e2e_phase "namespaces ready"

e2e_apply lb1 lb2 "${WEB[@]}"
# keepalived's TCP_CHECK probes each real server's own address: listen on every address.
for w in "${WEB[@]}"; do e2e_http "$w" 0.0.0.0; done
e2e_phase "applied; HTTP servers listen"

# grep without -q: with -q, ip gets SIGPIPE and pipefail reports a held VIP as missing.
holds_vip() { ip -n "$1" -o addr show dev eth0 | grep -F " $VIP/32 " >/dev/null; }
# table_is NS "ADDR:PORT ...": NS's IPVS table for the VIP has exactly these real servers with a weight
# above 0 (a failed check sets weight 0: inhibit_on_failure, so that the server's connections drain).
table_is() {
	local ns=$1 want=$2 got
	got=$(ip netns exec "$ns" ipvsadm -Ln -t "$VIP:80" 2>/dev/null | awk '$1 == "->" && $2 ~ /^[0-9]/ && $4 > 0 { print $2 }' | sort | paste -sd' ' -)
	[[ $got == "$want" ]]
}
all3="${RIP[web1]}:80 ${RIP[web2]}:80 ${RIP[web3]}:80"
answers_ok() { lab_curl client "http://$VIP/" >/dev/null 2>&1; }
show_logs() {
	local ns
	for ns in lb1 lb2; do
		echo "--- keepalived log of $ns (last 15 lines)"
		tail -n 15 "$run/$ns/keepalived.log" 2>/dev/null | sed 's/^/  /' || true
	done
}

e2e_keepalived_start lb1
e2e_keepalived_start lb2
if lab_poll 20 holds_vip lb1 && lab_poll 10 table_is lb1 "$all3"; then
	e2e_ok "lb1 (priority 150) is MASTER: it holds the VIP and its IPVS table has all three real servers"
else
	e2e_fail "lb1 did not become MASTER with a full table"
	show_logs
fi
e2e_check "lb2 (BACKUP) does not hold the VIP" eval '! holds_vip lb2'
e2e_phase "keepalived up"

e2e_requests client "http://$VIP/" 6
e2e_expect_spread "6 requests to the VIP through lb1" 6 "${WEB[@]}"

# --- the MASTER dies -------------------------------------------------------------------------
e2e_keepalived_kill lb1
ip -n lb1 link set eth0 down
t0=$SECONDS
if lab_poll 20 holds_vip lb2; then
	e2e_ok "lb2 took the VIP $((SECONDS - t0))s after lb1 died"
else
	e2e_fail "lb2 did not take the VIP within 20s of lb1's death"
	show_logs
fi
lab_poll 10 answers_ok || true
e2e_requests client "http://$VIP/" 6
e2e_expect_spread "6 requests to the VIP through lb2" 6 "${WEB[@]}"
e2e_phase "failover done"

# --- a real server's service stops ------------------------------------------------------------
e2e_http_stop web2
t0=$SECONDS
if lab_poll 20 table_is lb2 "${RIP[web1]}:80 ${RIP[web3]}:80"; then
	e2e_ok "the health check set web2 to weight 0 in lb2's table $((SECONDS - t0))s after its HTTP server stopped"
else
	e2e_fail "web2 still weighted in lb2's table 20s after its HTTP server stopped"
	show_logs
fi
e2e_requests client "http://$VIP/" 6
e2e_expect_spread "6 requests go to the other two" 6 web1 web3

# --- it comes back ------------------------------------------------------------------------------
e2e_http web2 0.0.0.0
t0=$SECONDS
if lab_poll 20 table_is lb2 "$all3"; then
	e2e_ok "the health check restored web2 $((SECONDS - t0))s after its HTTP server started"
else
	e2e_fail "web2 not back in lb2's table 20s after its HTTP server started"
	show_logs
fi
e2e_requests client "http://$VIP/" 6
e2e_expect_spread "6 requests over all three again" 6 "${WEB[@]}"
e2e_phase "health checks done"

e2e_end "VIP answered through lb1, then lb2 after lb1 died; web2 set to weight 0 and restored by TCP_CHECK"
