------------------------- MODULE MCMinixPMTraceCheck -------------------------
(* The model impl/minix runs are validated against (impl/minix/trace.ts,   *)
(* properties/minix-trace-check.test.ts): one TLA+ step per PM message     *)
(* (Atomic = TRUE), every wait4 pid form the impl uses; runs fork at most  *)
(* six times, so slots are never reused (the model's pids are slots).     *)
(* Not for model checking (its state space is large): trace-check.        *)
EXTENDS MinixPM
=============================================================================
