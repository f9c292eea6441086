---------------------- MODULE MCMinixRefinementSteps ----------------------
(***************************************************************************)
(* Whole-step refinement MinixPM => ExitWait (docs/minix.md, Refinement),  *)
(* with the mapping of MCMinixRefinement, on the Atomic model: every PM    *)
(* message, exit_proc included, is one step, as in impl/minix.             *)
(*                                                                         *)
(* One message may perform several abstract steps: an exit_proc is the     *)
(* Exit of the process (and of every process it takes down: a tracee      *)
(* killed by tracer_died, a SIGHUP-ed group member), the Reparent of each  *)
(* child to INIT, and the reaps that tell_parent / check_parent do at once *)
(* (the parent waiting for the exiting process, INIT for each zombie       *)
(* child). Such a step must be a chain of *genuine* ExitWait steps:        *)
(* ExitWait's own guards and successors (EW!Can, EW!After: the XOK / XTo   *)
(* definitions its actions are made of), applied through explicit          *)
(* intermediate abstract states, each candidate step at most once, from    *)
(* the abstract state before the message to the one after it. The         *)
(* candidates are computed from the step: an Exit for every process that   *)
(* stopped running (with its new status), a Reparent for every process     *)
(* whose parent changed, a WaitReap for every process reaped (by whichever *)
(* process may reap it). The abstract spec is not loosened: no new action, *)
(* and the order must satisfy ExitWait's guards (in particular a zombie is *)
(* reaped only once its children are gone, although C reaps the exiting   *)
(* process before its disinherit loop: the chain checks that some legal   *)
(* order reaches the same state).                                          *)
(***************************************************************************)
EXTENDS MCMinixRefinement

AbsSt == [pstate |-> AbsPState, parent |-> AbsParent, xstat |-> AbsXstat, reaperOf |-> AllInit,
          isReaper |-> IsReaper0, sigchld |-> AllDefault, waited |-> NoFlags,
          continued |-> NoFlags, reports |-> AbsReports]

(* T is reached from S by applying some of the steps D, each at most once, *)
(* in some order allowed by ExitWait's guards.                             *)
RECURSIVE Reaches(_, _, _)
Reaches(S, T, D) == S = T \/ \E d \in D : EW!Can(S, d) /\ Reaches(EW!After(S, d), T, D \ {d})

Candidates(A, B) ==
    LET exited == {p \in AbsProcs : EW!RunningIn(A, p) /\ ~EW!RunningIn(B, p)}
        moved  == {c \in AbsProcs : A.parent[c] # B.parent[c]}
        reaped == {c \in AbsProcs : A.pstate[c] # "reaped" /\ B.pstate[c] = "reaped"}
    IN  {[a |-> "Exit", p |-> p, c |-> 0, s |-> B.xstat[p]] : p \in exited}
        \cup {[a |-> "Reparent", p |-> 0, c |-> c, s |-> 0] : c \in moved}
        \cup {[a |-> "WaitReap", p |-> q, c |-> c, s |-> 0] : c \in reaped, q \in AbsProcs}

(* The concrete step is a chain of ExitWait steps (one step: EW!Next).    *)
EWChain == Reaches(AbsSt, AbsSt', Candidates(AbsSt, AbsSt'))

(* The refinement, whole: ExitWait's Init, and every step one ExitWait     *)
(* step, a chain of them, or a stutter.                                    *)
ExitWaitChainSpec == EW!Init /\ [][EW!Next \/ EWChain]_EW!vars

(* Mutant of the check (MCMinixRefinementCOrder.cfg, must be VIOLATED):  *)
(* the same candidate steps, but applied in C's order only: per exiting    *)
(* process (ascending), its Exit, its reap if it was reaped, then per      *)
(* moved child (ascending) its Reparent and its reap. exit_proc tells a    *)
(* waiting parent before its disinherit loop, so this order reaps a zombie *)
(* that still has children, which ExitWait's WaitReap forbids: the chain   *)
(* check fails, showing it discriminates orders inside one message.        *)
RECURSIVE SortedSeq(_)
SortedSeq(X) == IF X = {} THEN <<>> ELSE <<Min(X)>> \o SortedSeq(X \ {Min(X)})
RECURSIVE Flatten(_)
Flatten(L) == IF L = <<>> THEN <<>> ELSE Head(L) \o Flatten(Tail(L))
ExD(p, B) == [a |-> "Exit", p |-> p, c |-> 0, s |-> B.xstat[p]]
MvD(c) == [a |-> "Reparent", p |-> 0, c |-> c, s |-> 0]
RpD(c) == [a |-> "WaitReap", p |-> 0, c |-> c, s |-> 0]   \* reaper resolved when applied
COrderList(A, B) ==
    LET exited == {p \in AbsProcs : EW!RunningIn(A, p) /\ ~EW!RunningIn(B, p)}
        moved  == {c \in AbsProcs : A.parent[c] # B.parent[c] /\ A.parent[c] \in AbsProcs}
        reaped == {c \in AbsProcs : A.pstate[c] # "reaped" /\ B.pstate[c] = "reaped"}
        Rp(c) == IF c \in reaped THEN <<RpD(c)>> ELSE <<>>
        Kids(p) == SortedSeq({c \in moved : A.parent[c] = p})
        PerExit(p) == <<ExD(p, B)>> \o Rp(p)
                      \o Flatten([i \in 1..Len(Kids(p)) |-> <<MvD(Kids(p)[i])>> \o Rp(Kids(p)[i])])
        Ex == SortedSeq(exited)
        others == reaped \ (exited \cup {c \in moved : A.parent[c] \in exited})
    IN Flatten([i \in 1..Len(Ex) |-> PerExit(Ex[i])]) \o Flatten([i \in 1..Len(SortedSeq(others)) |-> Rp(SortedSeq(others)[i])])
Resolve(S, d) == IF d.a = "WaitReap" THEN [d EXCEPT !.p = S.parent[d.c]] ELSE d
RECURSIVE InOrder(_, _, _)
InOrder(S, T, L) ==
    IF L = <<>> THEN S = T
    ELSE LET d == Resolve(S, Head(L)) IN EW!Can(S, d) /\ InOrder(EW!After(S, d), T, Tail(L))
COrderChain == InOrder(AbsSt, AbsSt', COrderList(AbsSt, AbsSt'))
COrderChainSpec == EW!Init /\ [][EW!Next \/ COrderChain]_EW!vars

(* Anti-vacuity: one ExitWait step per message is NOT enough. This must   *)
(* be VIOLATED (MCMinixRefinementSingle.cfg): some message performs       *)
(* several abstract steps, so the chain above is exercised.               *)
SingleSteps == [][EW!Next]_EW!vars
=============================================================================
