------------------ MODULE MCLiveBug_prelezomb_keeps_waitres ------------------
(* H19 consequence as liveness: after WNOWAIT the zombie is never freed.  *)
EXTENDS MCWnowait
=============================================================================
