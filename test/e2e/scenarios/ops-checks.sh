#!/usr/bin/env bash
# Operations scenario e (fixtures/lab-ops-checks.yaml): health checks that fit the service, under load.
#
# One keepalived director, two DR real servers, the client sending DNS queries to VIP:53 (UDP) and
# HTTP requests to VIP:80 and keeping long-lived streams to VIP:7000. Phases, each a row:
#   DNS dead: web2's DNS server killed: DNS_CHECK sets it to weight 0; once it is out no query fails;
#   DNS back: started again: DNS_CHECK restores it; web2 answers queries again, none fails;
#   MISC down: the MISC_CHECK script reports web2 down (a flag file): weight 0, new requests avoid it;
#   MISC up: the flag removed: web2 answers again. HTTP and streams: 0 failed, 0 reset throughout.
#   bash test/e2e/run.sh ops-checks     # from the host
# In the guest: bash test/e2e/scenarios/ops-checks.sh [--until dns-dead] [--bundle DIR]
set -Eeuo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../e2e-lib.sh
source "$here/../e2e-lib.sh"
until_phase=""
args=()
while (($#)); do
	if [[ $1 == --until ]]; then
		until_phase=${2:?--until needs a phase}
		shift 2
	else
		args+=("$1")
		shift
	fi
done
e2e_begin ops-checks lab-ops-checks "${args[@]}"
# shellcheck source-path=SCRIPTDIR source=../ops-lib.sh
source "$E2E_DIR/ops-lib.sh"

VIP=192.168.10.100
RIP1=192.168.10.11
RIP2=192.168.10.12
FLAGS=/run/lvscc-ops # the MISC_CHECK script's directory (fixtures/lab-ops-checks.yaml names it)

e2e_hosts lan0 lb1 web1 web2 client
ip -n client addr add 192.168.10.50/24 dev eth0
e2e_apply lb1 web1 web2
# The MISC_CHECK script: web ADDR is down while $FLAGS/down-ADDR exists. Root's, not writable by others
# (enable_script_security).
mkdir -p "$FLAGS"
cat >"$FLAGS/misc-check" <<EOF
#!/bin/sh
# lab MISC_CHECK: real server \$1 is down while $FLAGS/down-\$1 exists
[ ! -e "$FLAGS/down-\$1" ]
EOF
chmod 0755 "$FLAGS" "$FLAGS/misc-check"
ops_serve web web1 web2
ops_serve dns1 --dns 53 --vip "$VIP" "web1=$RIP1"
ops_serve dns2 --dns 53 --vip "$VIP" "web2=$RIP2"
e2e_phase "applied; servers listen"

ops_keepalived_start lb1
both() { OPS_PROTO=-u ops_table_is lb1 "$VIP:53" "$RIP1:53 $RIP2:53" && ops_table_is lb1 "$VIP:80" "$RIP1:80 $RIP2:80" && ops_table_is lb1 "$VIP:7000" "$RIP1:7000 $RIP2:7000"; }
if lab_poll 40 both; then
	e2e_ok "lb1's IPVS table has both real servers for DNS, HTTP and streams"
else
	e2e_fail "lb1's table is not full"
	ops_keepalived_logs lb1
fi
ops_client_start client --http "$VIP:80" --echo "$VIP:7000" --dns "$VIP:53"
if ops_streams_open "$OPS_STREAMS"; then e2e_ok "$OPS_STREAMS long-lived streams open"; else e2e_fail "the streams did not open"; fi
sleep 2
t_start=$(ops_mark)

# phase LABEL TEST CHANGE...: run CHANGE, wait until TEST holds (the checker acted); sets t0 (the
# change), tc (the checker's action), t1 (3 s later, the phase's end); a failed wait is a failed check.
phase() {
	local label=$1 test=$2
	shift 2
	t0=$(ops_mark)
	"$@"
	if lab_poll 30 eval "$test"; then
		tc=$(ops_mark)
		e2e_ok "$label: the check acted $(awk -v a="$t0" -v b="$tc" 'BEGIN { printf "%.1f", b - a }')s after the change"
	else
		tc=$(ops_mark)
		e2e_fail "$label: lb1's table did not change within 30 s"
		ops_keepalived_logs lb1
	fi
	sleep 3
	t1=$(ops_mark)
}
# settled FROM: the events from 1.5 s after the checker acted (requests already sent to a server that
# just changed may still time out: 1 s DNS timeout) to the phase's end.
settled() { ops_report "$1, after the check acted" "$(awk -v t="$tc" 'BEGIN { printf "%.3f", t + 1.5 }')" "$t1" --dns; }

phase "DNS dead" "OPS_PROTO=-u ops_table_is lb1 \"$VIP:53\" \"$RIP1:53\"" ops_serve_stop dns2
ops_row "e. DNS server web2 killed" "$t0" "$t1" --dns
ops_expect_zero "DNS dead: HTTP requests failed" "$OPS_FAILED"
ops_expect_zero "DNS dead: streams reset" "$OPS_RESET"
settled "DNS dead"
ops_expect_zero "DNS dead: queries failed once DNS_CHECK had removed web2 ($OPS_DNS_SENT sent)" "$OPS_DNS_FAILED"

if [[ $until_phase != dns-dead ]]; then
	phase "DNS back" "OPS_PROTO=-u ops_table_is lb1 \"$VIP:53\" \"$RIP1:53 $RIP2:53\"" ops_serve dns2 --dns 53 --vip "$VIP" "web2=$RIP2"
	ops_row "e. DNS server web2 back" "$t0" "$t1" --dns
	ops_expect_zero "DNS back: queries failed" "$OPS_DNS_FAILED"
	ops_expect_zero "DNS back: HTTP requests failed" "$OPS_FAILED"
	settled "DNS back"
	e2e_check "DNS back: web2 answers queries again ($OPS_DNS_ANSWERS)" grep -q "$RIP2:" <<<"$OPS_DNS_ANSWERS"

	phase "MISC down" "ops_table_is lb1 \"$VIP:80\" \"$RIP1:80\"" touch "$FLAGS/down-$RIP2"
	ops_row "e. MISC_CHECK reports web2 down" "$t0" "$t1" --dns
	ops_expect_zero "MISC down: HTTP requests failed" "$OPS_FAILED"
	ops_expect_zero "MISC down: streams reset" "$OPS_RESET"
	settled "MISC down"
	e2e_check "MISC down: new requests avoid web2 once it is out ($OPS_ANSWERS)" eval "! grep -q web2: <<<'$OPS_ANSWERS'"

	phase "MISC up" "ops_table_is lb1 \"$VIP:80\" \"$RIP1:80 $RIP2:80\"" rm "$FLAGS/down-$RIP2"
	ops_row "e. MISC_CHECK reports web2 up" "$t0" "$t1" --dns
	ops_expect_zero "MISC up: HTTP requests failed" "$OPS_FAILED"
	settled "MISC up"
	e2e_check "MISC up: web2 answers requests again ($OPS_ANSWERS)" grep -q web2: <<<"$OPS_ANSWERS"
fi

ops_client_stop
ops_row "all phases" "$t_start" inf --dns
ops_expect_rate
ops_expect_zero "streams reset over the whole run" "$OPS_RESET"
ops_table dns
e2e_end "DNS_CHECK removed and restored a dead DNS server, MISC_CHECK took web2 down and up; $OPS_FAILED of $OPS_SENT HTTP requests failed, $OPS_RESET streams reset"
