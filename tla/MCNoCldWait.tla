----------------------------- MODULE MCNoCldWait -----------------------------
(* PS_NOCLDWAIT reparenting racing the parent's exit (H16/H18): init (1)   *)
(* loops in wait; P (2) ignores SIGCHLD and exits; its child C (3) exits.  *)
(* C's exit1 hands itself to its reaper (init) with proc_reparent (three   *)
(* tokens, retry when p_pptr changed) while P's exit1 children loop moves  *)
(* C to init too.                                                           *)
EXTENDS DragonflyExit, TLC

MCProcs == {1, 2, 3}
MCThreads == {1, 2, 3, 4}
MCOwner == (1 :> 1 @@ 2 :> 1 @@ 3 :> 2 @@ 4 :> 3)
MCRole == (1 :> "lwpreaper" @@ 2 :> "waitall" @@ 3 :> "exit" @@ 4 :> "exit")
MCOpts == (1 :> {} @@ 2 :> {} @@ 3 :> {"NOCLDWAIT"} @@ 4 :> {})
MCParent0 == (1 :> 0 @@ 2 :> 1 @@ 3 :> 2)
MCReaperOf == [p \in MCProcs |-> 1]

(* Reachability witnesses: must be VIOLATED by the clean model. *)
NeverSelfReparented == ~(pc[4] = "proc_reparent.move" /\ pptr[3] = 2)
NeverRetried == ~(pc[4] = "proc_reparent.move" /\ pptr[3] # lchild[4])
ChildNeverFreed == pstat[3] # "freed"
=============================================================================
