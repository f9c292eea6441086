------------------------------- MODULE MinixPM -------------------------------
(***************************************************************************)
(* The MINIX 3 process manager's fork / exit / wait protocol (seed 004,    *)
(* /work/shared/seeds/minix-pm-forkexit.c) at the step granularity of the  *)
(* TypeScript implementation in impl/minix.                                *)
(*                                                                         *)
(* PM is single-threaded: each message is handled to completion. A user    *)
(* call and its PM handling are one action here (the impl's user.send      *)
(* step only queues the message; nothing is observable in between), and   *)
(* a VFS reply and its PM handling are one action (the impl's vfs.* step   *)
(* only queues the reply). Actions are named tlaActionName(label) of the   *)
(* labels in impl/minix/labels.ts (do_fork.suspend -> do_fork_suspend).    *)
(*                                                                         *)
(* exit_proc is recursive in C (tracer_died -> sig_proc(SIGKILL) ->        *)
(* exit_proc of the tracee, in the middle of the disinherit loop). It is   *)
(* modelled with a work stack: while pm.stack is not empty only the PM     *)
(* sub-step actions (exit_proc_mark_exiting, exit_proc_tracer_died,        *)
(* exit_proc_disinherit) are enabled, one per loop iteration, in C order,  *)
(* so the handler stays atomic for every other actor. Invariants that hold *)
(* "between PM steps" are stated under PmIdle.                             *)
(*                                                                         *)
(* Slots are process identities (pid = slot; a Reuse = FALSE model never   *)
(* forks into a slot used before). Slot 0 is PM (NO_TRACER = 0), slot 1 is *)
(* INIT (its own parent), Boot are shells; wait4 takes pid -1 or a slot.   *)
(* Signals: SIGKILL only (kill and tracer_died); SIGCHLD to a traced       *)
(* parent is held for its tracer (trace stop); otherwise it is ignored.    *)
(*                                                                         *)
(* Ghost state: proc[s].call (the call s is blocked in, for                *)
(* reply_matches_call), proc[s].fc (the child slot of s's pending fork),   *)
(* proc[s].tp / tt (times the parent / tracer was told), pm.bad (the names *)
(* of violated step checks, as the impl's event-based invariants).         *)
(***************************************************************************)
EXTENDS Integers, Sequences, FiniteSets

CONSTANTS
    N,         \* number of mproc slots (NR_PROCS)
    Boot,      \* user slots alive at boot, children of INIT (the shell is 2)
    WaitPids,  \* the wait4 pid arguments users pass: a subset of {-1} \cup Users
    Bug,       \* "none" or a mutant of impl/minix/mutants.ts
    Reuse,     \* may a freed slot be forked into again?
    Atomic     \* TRUE: each PM message is one step (runs exit_proc's sub-steps to the end)

BugNames == {"none", "ignore_new_parent", "cleanup_while_vfs_call", "forget_told_parent",
             "tracer_died_no_reparent"}
ASSUME Bug \in BugNames /\ N >= 3 /\ Reuse \in BOOLEAN /\ Atomic \in BOOLEAN /\ Boot \subseteq 2..(N - 1)

Slots == 0..(N - 1)
PM == 0
INIT == 1
NoTracer == 0
Users == 2..(N - 1)
Status == {0, 1, 9}         \* exit(0), or killed by SIGHUP (1) or SIGKILL (9)
SIGHUP == 1
SIGKILL == 9
SIGSTOP == 17
SIGCHLD == 20
Calls == {"none", "fork", "forkchild", "wait", "exit"}

VARIABLE pm
vars == <<pm>>

NewSlot == [fl |-> {}, par |-> 0, tr |-> 0, wpid |-> 0, ex |-> 0, vfs |-> "none",
            call |-> "none", fc |-> 0, tp |-> 0, tt |-> 0, sigtr |-> {},
            pend |-> {}, used |-> FALSE, pg |-> 0]

Init ==
    pm = [proc |-> [s \in Slots |->
                      IF s = PM THEN [NewSlot EXCEPT !.fl = {"IN_USE", "PRIV_PROC"}, !.used = TRUE]
                      ELSE IF s = INIT THEN [NewSlot EXCEPT !.fl = {"IN_USE"}, !.par = INIT, !.used = TRUE, !.pg = INIT]
                      ELSE IF s \in Boot THEN [NewSlot EXCEPT !.fl = {"IN_USE"}, !.par = INIT, !.used = TRUE, !.pg = s]
                      ELSE NewSlot],
          piu |-> 2 + Cardinality(Boot), bad |-> {}, stack |-> <<>>]

-----------------------------------------------------------------------------
(* State-record helpers: every operator below maps a PM state S to a new   *)
(* one, so C's nested calls compose as function application.              *)

Min(X) == CHOOSE x \in X : \A y \in X : x <= y
Has(S, s, f) == f \in S.proc[s].fl
Bad(S, why) == [S EXCEPT !.bad = @ \cup {why}]
SetF(S, s, f) == [S EXCEPT !.proc[s].fl = @ \cup {f}]
Push(S, item) == [S EXCEPT !.stack = <<item>> \o @]

(* reply(): the target must be blocked in a call of that kind; a fork      *)
(* reply must announce the child the target's own fork created.           *)
Reply(S, to, kind, child) ==
    LET c == S.proc[to].call
        S1 == IF c = "none" \/ c # kind THEN Bad(S, "reply_matches_call") ELSE S
        S2 == IF kind = "fork" /\ S.proc[to].fc # child THEN Bad(S1, "no_reply_to_former_parent") ELSE S1
    IN [S2 EXCEPT !.proc[to].call = "none", !.proc[to].fc = 0]

(* wait_test (seed 004:547-564), pid forms -1 and a slot. *)
WaitTest(S, w, c) == Has(S, w, "WAITING") /\ (S.proc[w].wpid = -1 \/ S.proc[w].wpid = c)

(* cleanup (seed 004:765-774). *)
Cleanup(S, s) ==
    LET S1 == IF ~Has(S, s, "TOLD_PARENT") \/ Has(S, s, "VFS_CALL") \/ S.proc[s].vfs # "none"
              THEN Bad(S, "free_only_when_quiesced") ELSE S
        S2 == IF ~Has(S, s, "IN_USE") THEN Bad(S1, "zombies_reaped_once") ELSE S1
    IN [S2 EXCEPT !.proc[s].fl = {}, !.piu = @ - 1]

(* tell_parent (seed 004:644-700), rusage copy always succeeds here. *)
TellParent(S, c) ==
    LET p == S.proc[c].par
        S0 == IF ~Has(S, c, "ZOMBIE") \/ Has(S, c, "TOLD_PARENT") THEN Bad(S, "panic") ELSE S
        S1 == Reply(S0, p, "wait", 0)
    IN [S1 EXCEPT !.proc[p].fl = @ \ {"WAITING"}, !.proc[p].wpid = 0,
                  !.proc[c].fl = (@ \ {"ZOMBIE"}) \cup
                                 (IF Bug = "forget_told_parent" THEN {} ELSE {"TOLD_PARENT"}),
                  !.proc[c].tp = @ + 1]

(* tell_tracer (seed 004:705-726). *)
TellTracer(S, c) ==
    LET t == S.proc[c].tr
        S0 == IF t = NoTracer \/ ~Has(S, c, "TRACE_ZOMBIE") THEN Bad(S, "panic") ELSE S
        S1 == Reply(S0, t, "wait", 0)
    IN [S1 EXCEPT !.proc[t].fl = @ \ {"WAITING"}, !.proc[t].wpid = 0,
                  !.proc[c].fl = (@ \ {"TRACE_ZOMBIE"}) \cup {"ZOMBIE"},
                  !.proc[c].tt = @ + 1]

(* trace_stop (trace.c): stopped for the tracer, reported if it waits.   *)
(* sigtr is mp_sigtrace: the signals held for the tracer.                 *)
TraceStop(S, s, sig) ==
    LET t == S.proc[s].tr
        S1 == SetF(S, s, "TRACE_STOPPED")
    IN IF WaitTest(S1, t, s)
       THEN [Reply(S1, t, "wait", 0) EXCEPT !.proc[t].fl = @ \ {"WAITING"}, !.proc[t].wpid = 0,
                                            !.proc[s].sigtr = @ \ {sig}]
       ELSE S1

(* sig_proc(p, SIGCHLD, trace) (notes 2.14): held for a tracer, else       *)
(* pending while VFS_CALL (process stopped), else ignored.                *)
SigChld(S, p) ==
    IF (S.proc[p].fl \cap {"IN_USE", "EXITING"}) # {"IN_USE"} THEN Bad(S, "no_signal_to_dead")
    ELSE IF S.proc[p].tr # NoTracer
         THEN LET S1 == [S EXCEPT !.proc[p].sigtr = @ \cup {SIGCHLD}]
              IN IF Has(S1, p, "TRACE_STOPPED") THEN S1 ELSE TraceStop(S1, p, SIGCHLD)
    ELSE IF Has(S, p, "VFS_CALL") THEN SetF(S, p, "PROC_STOPPED")
    ELSE S

(* sig_proc(q, sig) for SIGKILL and SIGHUP, default actions (notes 2.14):   *)
(* SIGHUP goes to a tracer first; pending while VFS_CALL (process stopped) *)
(* or, for SIGHUP, while trace-stopped; else a nested exit_proc, pushed on *)
(* top of the work stack. g is the group of the PM step's caller (mp),     *)
(* which exit_proc's session-leader test reads (seed 004:283).             *)
Signal(S, q, sig, trace, g) ==
    IF (S.proc[q].fl \cap {"IN_USE", "EXITING"}) # {"IN_USE"} THEN Bad(S, "no_signal_to_dead")
    ELSE IF trace /\ sig # SIGKILL /\ S.proc[q].tr # NoTracer
         THEN LET S1 == [S EXCEPT !.proc[q].sigtr = @ \cup {sig}]
              IN IF Has(S1, q, "TRACE_STOPPED") THEN S1 ELSE TraceStop(S1, q, sig)
    ELSE IF Has(S, q, "VFS_CALL")
         THEN [S EXCEPT !.proc[q].pend = @ \cup {sig}, !.proc[q].fl = @ \cup {"PROC_STOPPED"}]
    ELSE IF sig # SIGKILL /\ Has(S, q, "TRACE_STOPPED")
         THEN [S EXCEPT !.proc[q].pend = @ \cup {sig}]
    ELSE Push(S, [op |-> "exit", s |-> q, i |-> sig, g |-> g])
Kill(S, q, g) == Signal(S, q, SIGKILL, TRUE, g)

(* check_parent (seed 004:605-639). *)
CheckParent(S, c, try) ==
    LET p == S.proc[c].par
    IN IF Has(S, p, "EXITING") THEN S
       ELSE IF WaitTest(S, p, c)
            THEN LET S1 == TellParent(S, c)
                 IN IF try /\ (Bug = "cleanup_while_vfs_call" \/ ~Has(S1, c, "VFS_CALL"))
                    THEN Cleanup(S1, c) ELSE S1
       ELSE SigChld(S, p)

(* zombify (seed 004:569-600). *)
Zombify(S, s) ==
    LET S0 == IF Has(S, s, "TRACE_ZOMBIE") \/ Has(S, s, "ZOMBIE") THEN Bad(S, "no_double_notification") ELSE S
        t == S.proc[s].tr
    IN IF t # NoTracer /\ t # S.proc[s].par
       THEN LET S1 == SetF(S0, s, "TRACE_ZOMBIE")
            IN IF ~WaitTest(S1, t, s) THEN S1 ELSE CheckParent(TellTracer(S1, s), s, FALSE)
       ELSE CheckParent(SetF(S0, s, "ZOMBIE"), s, FALSE)

(* tracer_died (seed 004:731-760). *)
TracerDied(S, q, g) ==
    LET S1 == [S EXCEPT !.proc[q].tr = NoTracer]
    IN IF ~Has(S1, q, "EXITING") THEN Kill(S1, q, g)
       ELSE IF Has(S1, q, "TRACE_ZOMBIE") /\ Bug # "tracer_died_no_reparent"
            THEN CheckParent([S1 EXCEPT !.proc[q].fl = (@ \ {"TRACE_ZOMBIE"}) \cup {"ZOMBIE"}], q, TRUE)
       ELSE S1

(* check_pending (signal.c): the pending signals in increasing order,      *)
(* trace = FALSE, stopping once one killed (its exit sets VFS_CALL).       *)
CheckPending(S, c) ==
    LET P == S.proc[c].pend
        S1 == IF SIGHUP \in P THEN Signal([S EXCEPT !.proc[c].pend = @ \ {SIGHUP}], c, SIGHUP, FALSE, 0) ELSE S
        killed == Len(S1.stack) > Len(S.stack)
    IN IF SIGKILL \in P /\ ~killed
       THEN Signal([S1 EXCEPT !.proc[c].pend = @ \ {SIGKILL}], c, SIGKILL, FALSE, 0)
       ELSE S1

(* restart_sigs (signal.c) after a VFS reply (the caller is VFS: group 0): *)
(* replay the pending signals of a stopped process, then resume it.        *)
RestartSigs(S, c) ==
    IF (S.proc[c].fl \cap {"IN_USE", "EXITING", "VFS_CALL"}) # {"IN_USE"} \/ ~Has(S, c, "PROC_STOPPED") THEN S
    ELSE LET S1 == CheckPending(S, c)
         IN IF Len(S1.stack) > Len(S.stack) THEN S1 ELSE [S1 EXCEPT !.proc[c].fl = @ \ {"PROC_STOPPED"}]

-----------------------------------------------------------------------------
(* Predicates on the current state *)

PmIdle == pm.stack = <<>>
F(s, f) == Has(pm, s, f)
Alive(s) == F(s, "IN_USE") /\ ~F(s, "EXITING")
(* A stopped process may still have a call handled: it may have sent it    *)
(* before it was stopped (PM receives it anyway). Merging send and handle  *)
(* makes this an over-approximation: here a stopped process may call again *)
(* after that call returned.                                               *)
CanCall(p) == p # PM /\ Alive(p) /\ pm.proc[p].call = "none"
(* A user process issuing a call. INIT only runs its reaping loop (wait4(-1), *)
(* below), as in impl/minix (MinixKernelOptions.initWaits).               *)
UserCall(p) == p \in Users /\ CanCall(p)

(* do_wait4's scan (seed 004:480-515) *)
Qual(p, a, s) ==
    /\ F(s, "IN_USE") /\ ~F(s, "TOLD_PARENT")
    /\ (pm.proc[s].par = p \/ pm.proc[s].tr = p)
    /\ ~(pm.proc[s].par # p /\ F(s, "ZOMBIE"))
    /\ (a = -1 \/ a = s)
Hit(p, s) ==
    \/ pm.proc[s].tr = p /\ F(s, "TRACE_ZOMBIE")
    \/ pm.proc[s].tr = p /\ F(s, "TRACE_STOPPED") /\ pm.proc[s].sigtr # {}
    \/ pm.proc[s].par = p /\ F(s, "ZOMBIE")
Hits(p, a) == {s \in Slots : Qual(p, a, s) /\ Hit(p, s)}
WaitArgs == WaitPids
Waiter(p, a) == (UserCall(p) /\ a \in WaitArgs) \/ (p = INIT /\ CanCall(INIT) /\ a = -1)

-----------------------------------------------------------------------------
(* exit_proc's disinherit loop as sub-steps on pm.stack *)

(* The next slot from i on that the loop has something to do with: slots   *)
(* it passes over do nothing in C, and no nested exit makes a slot point   *)
(* at s, so jumping over them does not change the loop's effect.          *)
NextRel(S, s, i) ==
    LET R == {q \in i..(N - 1) : Has(S, q, "IN_USE") /\ (S.proc[q].tr = s \/ S.proc[q].par = s)}
    IN IF R = {} THEN N ELSE Min(R)

(* exit_proc up to zombify (seed 004:254-363), for the item on top. *)
MarkExiting(S) ==
    LET top == Head(S.stack)
        s == top.s
        rest == [S EXCEPT !.stack = Tail(@)]
    IN IF s = INIT
       THEN [rest EXCEPT !.proc[INIT].fl = @ \cup {"PROC_STOPPED"}]   \* seed 004:316-321
       ELSE LET S0 == IF Has(rest, s, "VFS_CALL") THEN Bad(rest, "exit_only_when_idle") ELSE rest
                S1 == [S0 EXCEPT !.proc[s].fl = (@ \cap {"IN_USE", "VFS_CALL", "PRIV_PROC", "PROC_STOPPED"})
                                                \cup {"EXITING", "PROC_STOPPED", "VFS_CALL"},
                                 !.proc[s].vfs = "exit", !.proc[s].ex = top.i, !.proc[s].wpid = 0,
                                 !.proc[s].call = "none", !.proc[s].fc = 0]
            IN Push(Zombify(S1, s), [op |-> "tracer", s |-> s, i |-> 0, g |-> top.g, hup |-> s = top.g])

(* disinherit loop, tracer test of the next related slot (seed 004:368-371) *)
TracerStage(S) ==
    LET top == Head(S.stack)
        s == top.s
        q == NextRel(S, s, top.i)
        rest == [S EXCEPT !.stack = Tail(@)]
    IN IF q = N
       THEN IF top.hup   \* a session leader: SIGHUP to its group (seed 004:389-390)
            THEN Push(rest, [op |-> "hup", s |-> s, i |-> N - 1, g |-> top.g])
            ELSE rest
       ELSE LET S1 == Push(rest, [op |-> "parent", s |-> s, i |-> q, g |-> top.g, hup |-> top.hup])
            IN IF Has(S1, q, "IN_USE") /\ S1.proc[q].tr = s THEN TracerDied(S1, q, top.g) ELSE S1

(* disinherit loop, parent test of the same slot (seed 004:372-386) *)
ParentStage(S) ==
    LET top == Head(S.stack)
        s == top.s
        q == top.i
        S1 == Push([S EXCEPT !.stack = Tail(@)], [op |-> "tracer", s |-> s, i |-> q + 1, g |-> top.g, hup |-> top.hup])
    IN IF Has(S1, q, "IN_USE") /\ S1.proc[q].par = s
       THEN LET S2 == [S1 EXCEPT !.proc[q].par = INIT,
                                 !.proc[q].fl = @ \cup (IF "VFS_CALL" \in @ THEN {"NEW_PARENT"} ELSE {})]
            IN IF Has(S2, q, "ZOMBIE") THEN CheckParent(S2, q, TRUE) ELSE S2
       ELSE S1

(* check_sig(-grp, SIGHUP) (signal.c): the group's members from the last  *)
(* slot down; an EXITING member is counted, not signalled.                *)
HupStage(S) ==
    LET top == Head(S.stack)
        R == {q \in 1..top.i : Has(S, q, "IN_USE") /\ S.proc[q].pg = top.s}
        rest == [S EXCEPT !.stack = Tail(@)]
    IN IF R = {} THEN rest
       ELSE LET q == CHOOSE x \in R : \A y \in R : x >= y
                S1 == Push(rest, [op |-> "hup", s |-> top.s, i |-> q - 1, g |-> top.g])
            IN IF Has(S1, q, "EXITING") THEN S1 ELSE Signal(S1, q, SIGHUP, TRUE, top.g)

SubStep(S) ==
    CASE Head(S.stack).op = "exit" -> MarkExiting(S)
      [] Head(S.stack).op = "tracer" -> TracerStage(S)
      [] Head(S.stack).op = "hup" -> HupStage(S)
      [] OTHER -> ParentStage(S)

(* The rest of the current PM step: every pending sub-step, in order.    *)
RECURSIVE RunToIdle(_)
RunToIdle(S) == IF S.stack = <<>> THEN S ELSE RunToIdle(SubStep(S))

(* A PM step's result: with Atomic, exit_proc's sub-steps run to the end   *)
(* in the same step (the impl's granularity, used for trace validation).  *)
Done(S) == pm' = IF Atomic THEN RunToIdle(S) ELSE S

-----------------------------------------------------------------------------
(* User calls, each handled by PM in the same step *)

(* do_fork (seed 004:44-134): take a free slot, copy the parent, mark the  *)
(* child VFS_CALL and ask VFS to fork; the parent's reply waits (SUSPEND). *)
do_fork_suspend(p, c) ==
    /\ PmIdle /\ UserCall(p) /\ c \in Users /\ ~F(c, "IN_USE") /\ pm.piu < N
    /\ Reuse \/ ~pm.proc[c].used
    /\ Done([pm EXCEPT !.proc[c] = [NewSlot EXCEPT !.fl = {"IN_USE", "VFS_CALL"}, !.par = p,
                                      !.vfs = "fork", !.call = "forkchild", !.used = TRUE,
                                      !.pg = pm.proc[p].pg],
                        !.proc[p].call = "fork", !.proc[p].fc = c, !.piu = @ + 1])

(* do_exit (seed 004:233-248) -> exit_proc (254-395): the exit's first    *)
(* half, queued as the "exit" operation.                                  *)
do_exit_exit_proc(p) ==
    /\ PmIdle /\ UserCall(p)
    /\ Done(Push([pm EXCEPT !.proc[p].call = "exit"], [op |-> "exit", s |-> p, i |-> 0, g |-> pm.proc[p].pg]))

(* kill(t, SIGKILL) by k; an EXITING target is counted but not signalled. *)
(* signal.c check_sig / sig_proc (outside the seed; notes minix-pm 2.14).  *)
do_kill_check_sig(k, t) ==
    /\ PmIdle /\ UserCall(k) /\ t \in Users /\ F(t, "IN_USE")
    /\ Done(IF F(t, "EXITING") THEN pm ELSE Kill(pm, t, pm.proc[k].pg))

(* trace.c do_trace(T_ATTACH) (outside the seed; notes minix-pm 2.12).     *)
do_trace_attach(t, c) ==
    /\ PmIdle /\ UserCall(t) /\ c \in Users /\ c # t /\ Alive(c) /\ pm.proc[c].tr = NoTracer
    /\ Done(LET S1 == [pm EXCEPT !.proc[c].tr = t, !.proc[c].sigtr = @ \cup {SIGSTOP}]
            IN IF Has(S1, c, "TRACE_STOPPED") THEN S1 ELSE TraceStop(S1, c, SIGSTOP))

(* do_wait4 (seed 004:491-497): a traced child meeting the pid test has    *)
(* exited (TRACE_ZOMBIE): tell_tracer, check_parent(try_cleanup).         *)
do_wait4_tell_tracer(p, a) ==
    /\ PmIdle /\ Waiter(p, a) /\ Hits(p, a) # {}
    /\ LET s == Min(Hits(p, a)) IN
       /\ pm.proc[s].tr = p /\ F(s, "TRACE_ZOMBIE")
       /\ Done(CheckParent(TellTracer([pm EXCEPT !.proc[p].call = "wait"], s), s, TRUE))

(* do_wait4 (seed 004:498-512): a stopped tracee with a pending traced     *)
(* signal: report W_STOPCODE(sig) to the tracer and clear that signal.     *)
do_wait4_stopped_tracee(p, a) ==
    /\ PmIdle /\ Waiter(p, a) /\ Hits(p, a) # {}
    /\ LET s == Min(Hits(p, a)) IN
       /\ pm.proc[s].tr = p /\ ~F(s, "TRACE_ZOMBIE") /\ F(s, "TRACE_STOPPED") /\ pm.proc[s].sigtr # {}
       /\ Done([pm EXCEPT !.proc[s].sigtr = @ \ {Min(@)}])   \* lowest signal first (seed 004:502-511)

do_wait4_tell_parent(p, a) ==
    /\ PmIdle /\ Waiter(p, a) /\ Hits(p, a) # {}
    /\ LET s == Min(Hits(p, a)) IN
       /\ ~(pm.proc[s].tr = p /\ (F(s, "TRACE_ZOMBIE") \/ (F(s, "TRACE_STOPPED") /\ pm.proc[s].sigtr # {})))
       /\ LET S1 == TellParent([pm EXCEPT !.proc[p].call = "wait"], s)
          IN Done(IF Bug = "cleanup_while_vfs_call" \/ ~Has(S1, s, "VFS_CALL") THEN Cleanup(S1, s) ELSE S1)

(* do_wait4 (seed 004:531-533): qualifying children, none exited, WNOHANG: *)
(* reply 0.                                                                *)
do_wait4_wnohang(p, a) ==
    /\ PmIdle /\ Waiter(p, a) /\ Hits(p, a) = {}
    /\ \E s \in Slots : Qual(p, a, s)
    /\ UNCHANGED pm

(* do_wait4 (seed 004:528-537): qualifying children, none exited, no       *)
(* WNOHANG: set WAITING and do not reply.                                 *)
do_wait4_block(p, a) ==
    /\ PmIdle /\ Waiter(p, a) /\ Hits(p, a) = {}
    /\ \E s \in Slots : Qual(p, a, s)
    /\ pm' = [pm EXCEPT !.proc[p].fl = @ \cup {"WAITING"}, !.proc[p].wpid = a, !.proc[p].call = "wait"]

(* do_wait4 (seed 004:538-540): no qualifying child: ECHILD.              *)
do_wait4_echild(p, a) ==
    /\ PmIdle /\ Waiter(p, a) /\ ~\E s \in Slots : Qual(p, a, s)
    /\ UNCHANGED pm

-----------------------------------------------------------------------------
(* VFS replies, each handled by PM in the same step (notes 2.1, 2.5) *)

VfsDone(c) == [pm EXCEPT !.proc[c].fl = @ \ {"VFS_CALL", "NEW_PARENT"}, !.proc[c].vfs = "none"]

(* main.c handle_vfs_reply, VFS_PM_FORK_REPLY (outside the seed; notes    *)
(* minix-pm 2.5): reply to the child and to the parent (fork returns).    *)
handle_vfs_reply_fork(c) ==
    /\ PmIdle /\ pm.proc[c].vfs = "fork" /\ F(c, "IN_USE") /\ ~F(c, "NEW_PARENT")
    /\ Done(RestartSigs(Reply(Reply(VfsDone(c), c, "forkchild", 0), pm.proc[c].par, "fork", c), c))

(* The same reply for a child reparented to INIT (NEW_PARENT) while VFS    *)
(* forked it: only the child is answered (notes minix-pm 2.5).            *)
handle_vfs_reply_fork_new_parent(c) ==
    /\ PmIdle /\ pm.proc[c].vfs = "fork" /\ F(c, "IN_USE") /\ F(c, "NEW_PARENT")
    /\ LET S1 == Reply(VfsDone(c), c, "forkchild", 0)
           S2 == IF Bug = "ignore_new_parent" THEN Reply(S1, pm.proc[c].par, "fork", c) ELSE S1
       IN Done(RestartSigs(S2, c))

(* VFS_PM_EXIT_REPLY -> exit_restart (seed 004:396-449). A reply for a     *)
(* slot that is no longer in use is handle_vfs_reply's panic.             *)
handle_vfs_reply_exit(s) ==
    /\ PmIdle /\ pm.proc[s].vfs = "exit"
    /\ Done(IF ~F(s, "IN_USE") \/ ~F(s, "VFS_CALL")
            THEN Bad([pm EXCEPT !.proc[s].vfs = "none"], "panic")
            ELSE LET S1 == VfsDone(s)
                 IN IF Has(S1, s, "TOLD_PARENT") THEN Cleanup(S1, s) ELSE S1)

-----------------------------------------------------------------------------
(* PM sub-steps of exit_proc (seed 004:254-391), run while pm.stack is     *)
(* not empty. Top item [op, s, i]: "exit" (i = exit status), "tracer" and *)
(* "parent" (i = the slot the disinherit loop is at).                     *)


exit_proc_mark_exiting == ~PmIdle /\ Head(pm.stack).op = "exit" /\ pm' = MarkExiting(pm)
exit_proc_tracer_died == ~PmIdle /\ Head(pm.stack).op = "tracer" /\ pm' = TracerStage(pm)
exit_proc_disinherit == ~PmIdle /\ Head(pm.stack).op = "parent" /\ pm' = ParentStage(pm)
exit_proc_sighup == ~PmIdle /\ Head(pm.stack).op = "hup" /\ pm' = HupStage(pm)

PmSubStep == exit_proc_mark_exiting \/ exit_proc_tracer_died \/ exit_proc_disinherit \/ exit_proc_sighup

Next ==
    \/ PmSubStep
    \/ \E p \in Slots, c \in Slots : do_fork_suspend(p, c)
    \/ \E p \in Slots : do_exit_exit_proc(p)
    \/ \E k \in Slots, t \in Slots : do_kill_check_sig(k, t) \/ do_trace_attach(k, t)
    \/ \E p \in Slots, a \in WaitArgs \cup {-1} :
          \/ do_wait4_tell_tracer(p, a) \/ do_wait4_stopped_tracee(p, a) \/ do_wait4_tell_parent(p, a)
          \/ do_wait4_wnohang(p, a) \/ do_wait4_block(p, a) \/ do_wait4_echild(p, a)
    \/ \E c \in Slots : handle_vfs_reply_fork(c) \/ handle_vfs_reply_fork_new_parent(c) \/ handle_vfs_reply_exit(c)

Spec == Init /\ [][Next]_vars

(* Liveness (checked by exitspec check and TLC; MCMinixPMLive):            *)
(* PM finishes every handler and VFS eventually answers.                  *)
Fairness ==
    /\ WF_vars(PmSubStep)
    /\ \A c \in Slots : WF_vars(handle_vfs_reply_fork(c) \/ handle_vfs_reply_fork_new_parent(c)
                                \/ handle_vfs_reply_exit(c))
FairSpec == Spec /\ Fairness

-----------------------------------------------------------------------------
(* Invariants (impl/minix/invariants.ts, same names in CamelCase) *)

TypeOK ==
    /\ pm.piu \in 0..N
    /\ \A s \in Slots : pm.proc[s].call \in Calls /\ pm.proc[s].vfs \in {"none", "fork", "exit"}
    /\ Len(pm.stack) <= 4 * N

NoPanic == "panic" \notin pm.bad /\ "exit_only_when_idle" \notin pm.bad /\ "no_signal_to_dead" \notin pm.bad
ProcsInUseCount == pm.piu = Cardinality({s \in Slots : F(s, "IN_USE")})
(* a slot is freed only after the parent was told and VFS replied *)
FreeOnlyWhenQuiesced ==
    /\ "free_only_when_quiesced" \notin pm.bad
    /\ \A s \in Slots : ~F(s, "IN_USE") => pm.proc[s].vfs = "none"
VfsCallMatchesRequest == \A s \in Slots : F(s, "IN_USE") => (F(s, "VFS_CALL") <=> pm.proc[s].vfs # "none")
ReplyMatchesCall == "reply_matches_call" \notin pm.bad
NoReplyToFormerParent == "no_reply_to_former_parent" \notin pm.bad
NoDoubleNotification ==
    /\ "no_double_notification" \notin pm.bad
    /\ \A s \in Slots : pm.proc[s].tp <= 1 /\ pm.proc[s].tt <= 1
ZombiesReapedOnce == "zombies_reaped_once" \notin pm.bad
NotificationExclusive ==
    \A s \in Slots : F(s, "IN_USE") =>
        /\ Cardinality(pm.proc[s].fl \cap {"TRACE_ZOMBIE", "ZOMBIE", "TOLD_PARENT"}) <= 1
        /\ (pm.proc[s].fl \cap {"TRACE_ZOMBIE", "ZOMBIE", "TOLD_PARENT"} # {}) => F(s, "EXITING")
ExitedNotified ==
    PmIdle => \A s \in Slots : (F(s, "IN_USE") /\ F(s, "EXITING") /\ ~F(s, "VFS_CALL"))
                  => pm.proc[s].fl \cap {"TRACE_ZOMBIE", "ZOMBIE", "TOLD_PARENT"} # {}
PromptFree ==
    PmIdle => \A s \in Slots : ~(F(s, "IN_USE") /\ F(s, "TOLD_PARENT") /\ ~F(s, "VFS_CALL"))
NoLostWakeup ==
    PmIdle => \A c \in Slots :
        /\ (F(c, "IN_USE") /\ F(c, "ZOMBIE") /\ Alive(pm.proc[c].par)) => ~WaitTest(pm, pm.proc[c].par, c)
        /\ (F(c, "IN_USE") /\ F(c, "TRACE_ZOMBIE") /\ pm.proc[c].tr # NoTracer) => ~WaitTest(pm, pm.proc[c].tr, c)
ParentValid ==
    PmIdle => \A c \in Users : F(c, "IN_USE") => Alive(pm.proc[c].par)
TracerValid ==
    PmIdle => \A c \in Slots :
        /\ (F(c, "IN_USE") /\ F(c, "TRACE_ZOMBIE")) => pm.proc[c].tr # NoTracer
        /\ (F(c, "IN_USE") /\ pm.proc[c].tr # NoTracer) => Alive(pm.proc[c].tr)
InitAlive == Alive(INIT)
WaitingMeansBlocked == \A s \in Slots : (F(s, "IN_USE") /\ F(s, "WAITING")) => pm.proc[s].call = "wait"

Invariants ==
    /\ TypeOK /\ NoPanic /\ ProcsInUseCount /\ FreeOnlyWhenQuiesced /\ VfsCallMatchesRequest
    /\ ReplyMatchesCall /\ NoReplyToFormerParent /\ NoDoubleNotification /\ ZombiesReapedOnce
    /\ NotificationExclusive /\ ExitedNotified /\ PromptFree /\ NoLostWakeup /\ ParentValid
    /\ TracerValid /\ InitAlive /\ WaitingMeansBlocked

(* Liveness: a parent waiting for an exited, untraced child gets its       *)
(* reply; a collected child's slot is eventually freed.                   *)
WaitingParentAnswered ==
    \A p \in Slots, c \in Users :
        (F(p, "WAITING") /\ pm.proc[c].par = p /\ F(c, "EXITING") /\ ~F(c, "TOLD_PARENT")
           /\ pm.proc[c].tr = NoTracer /\ WaitTest(pm, p, c)) ~> ~F(p, "WAITING")
CollectedEventuallyFreed == \A s \in Users : F(s, "TOLD_PARENT") ~> ~F(s, "IN_USE")
=============================================================================
