---------------------------- MODULE MCBug_ppwait_after_reap1 ----------------------------
(* Mutant ppwait_after_reap1 on the Vfork world: see MCBug_ppwait_after_reap1.cfg. *)
EXTENDS MCVfork
=============================================================================
