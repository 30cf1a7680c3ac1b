package otp;

/** Whether a child is a worker or itself a supervisor (decides the default shutdown and counts). */
public enum ChildType { WORKER, SUPERVISOR }
