------------------------- MODULE MCMinixPMTraceCheck -------------------------
(* The model impl/minix runs are validated against (impl/minix/trace.ts,   *)
(* properties/minix-trace-check.test.ts): one TLA+ step per PM message     *)
(* (Atomic = TRUE), slots may be reused, every wait4 pid form the impl      *)
(* uses. Not for model checking (its state space is large): trace-check.   *)
EXTENDS MinixPM
=============================================================================
