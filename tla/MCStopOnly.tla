------------------------------ MODULE MCStopOnly ------------------------------
(* The Stop world with a SIGSTOP and no SIGCONT: C stays stopped; its      *)
(* exiting lwp must still kill the stopped one (H5).                        *)
EXTENDS MCStop

MCOptsStopOnly == (1 :> {} @@ 2 :> {} @@ 3 :> {} @@ 4 :> {"STOP"})
=============================================================================
