---------------------------- MODULE MCLwpCreateHang ----------------------------
(* MCLwpCreate without the killed_lwps_marked invariant: the consequence of *)
(* H21 is a hang -- the master sleeps in killlwps while the new lwp runs.  *)
EXTENDS MCLwpCreate
=============================================================================
