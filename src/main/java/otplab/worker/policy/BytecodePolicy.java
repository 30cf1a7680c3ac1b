package otplab.worker.policy;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.TypeKind;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.MethodHandleEntry;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LineNumber;
import java.lang.classfile.instruction.NewMultiArrayInstruction;
import java.lang.classfile.instruction.NewObjectInstruction;
import java.lang.classfile.instruction.NewReferenceArrayInstruction;
import java.lang.classfile.instruction.TypeCheckInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDesc;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks every learner class before it is defined in the worker, and rewrites the calls that
 * need a run-time check.
 *
 * <p>Two kinds of rules. <em>Refused</em> calls (ending the JVM, starting processes, native code,
 * the foreign-function API, JDK internals, defining classes behind the policy's back) make the
 * whole class rejected with a message naming the call and its line. <em>Guarded</em> calls
 * (file access, {@code setAccessible}, reflective {@code invoke}) are rewritten to go through
 * {@link Guard}, which lets them proceed only for files under {@code /tmp} and for learner-owned
 * members. The OS sandbox remains the last word on files: this layer gives a clear message first.
 */
public final class BytecodePolicy {
    /** A refused use found in a learner class: the call as a learner reads it, and its line. */
    public record Violation(String className, String call, int line, String reason) {
        public String message() {
            return call + " is not allowed here: " + reason;
        }
    }

    /** Thrown when a class holds refused calls; the class must not be defined. */
    public static final class RejectedClass extends Exception {
        private final transient List<Violation> violations;

        RejectedClass(List<Violation> violations) {
            super(violations.getFirst().message());
            this.violations = List.copyOf(violations);
        }

        public List<Violation> violations() {
            return violations;
        }
    }

    private static final ClassDesc GUARD = ClassDesc.of(Guard.class.getName());
    private static final ClassDesc CD_FILE = ClassDesc.of("java.io.File");
    private static final ClassDesc CD_PATH = ClassDesc.of("java.nio.file.Path");
    private static final ClassDesc CD_STRING = ClassDesc.of("java.lang.String");
    /** Guard methods that check one argument (or the receiver) and hand it back unchanged. */
    private static final String CHECK_PATH = "path";
    private static final String CHECK_FIELD = "field";
    private static final String CHECK_URL = "url";
    private static final String CHECK_JDBC_URL = "jdbcUrl";
    /** {@code java.net.URL} methods that read what the URL names, perhaps a file. */
    private static final Set<String> URL_READING_METHODS = Set.of("openStream", "openConnection", "getContent");

    private static final String ENDS_WORKER = "it would end or escape the worker that runs your code";
    private static final String NO_PROCESSES = "lessons cannot start or control operating-system processes";
    private static final String NO_NATIVE = "lessons cannot load native code or use the foreign-function API";
    private static final String NO_INTERNALS = "lessons cannot use JDK internals or the runner's own classes";
    private static final String NO_LOADERS = "lessons cannot define classes that bypass the checks on learner code";
    private static final String NO_CODE_LOADING = "it would compile or load code that the checks on learner code never see";
    private static final String NO_MANAGEMENT = "lessons cannot use the JVM's management, attach or instrumentation interfaces";
    private static final String NO_REFLECTIVE_LIBRARIES =
            "the test framework's and the database engine's internals call anything by reflection, around these checks";
    private static final String NO_RAW_DATABASE = "lessons reach the database through otp.data's Repo, not a raw connection";
    private static final String NO_RAW_SQL = "build column options with Migration.NOT_NULL or Migration.defaultValue, not raw SQL";
    private static final String NO_DESERIALIZATION = "reading serialized objects runs code that the bytes choose";
    private static final String NO_DESKTOP = "the desktop, image and sound APIs read files around the checks on file access";
    private static final String NO_LINKS = "lessons cannot create file links: a link could lead out of /tmp";

    /** Package-or-class prefixes (internal names) that learner code may not touch at all. */
    private static final Map<String, String> REFUSED_PREFIXES = Map.ofEntries(
            Map.entry("java/lang/ProcessBuilder", NO_PROCESSES),
            Map.entry("java/lang/ProcessHandle", NO_PROCESSES),
            Map.entry("java/lang/Process", NO_PROCESSES),
            Map.entry("java/lang/foreign/", NO_NATIVE),
            Map.entry("java/lang/instrument/", NO_MANAGEMENT),
            Map.entry("java/lang/management/", NO_MANAGEMENT),
            Map.entry("javax/management/", NO_MANAGEMENT),
            Map.entry("java/net/URLClassLoader", NO_LOADERS),
            Map.entry("javax/tools/", NO_CODE_LOADING),
            Map.entry("javax/annotation/processing/", NO_CODE_LOADING),
            Map.entry("java/util/spi/ToolProvider", NO_CODE_LOADING),
            Map.entry("java/util/ServiceLoader", NO_CODE_LOADING),
            Map.entry("java/lang/ModuleLayer", NO_CODE_LOADING),
            Map.entry("java/lang/module/", NO_CODE_LOADING),
            Map.entry("java/lang/invoke/ConstantBootstraps", NO_CODE_LOADING),
            Map.entry("java/rmi/", NO_CODE_LOADING),
            Map.entry("javax/naming/", NO_CODE_LOADING),
            Map.entry("javax/xml/", NO_CODE_LOADING),
            Map.entry("org/xml/", NO_CODE_LOADING),
            Map.entry("org/w3c/", NO_CODE_LOADING),
            Map.entry("java/util/logging/LogManager", NO_CODE_LOADING),
            Map.entry("java/io/ObjectInputStream", NO_DESERIALIZATION),
            Map.entry("java/awt/", NO_DESKTOP),
            Map.entry("javax/imageio/", NO_DESKTOP),
            Map.entry("javax/sound/", NO_DESKTOP),
            Map.entry("javax/print/", NO_DESKTOP),
            Map.entry("javax/swing/", NO_DESKTOP),
            Map.entry("org/junit/", NO_REFLECTIVE_LIBRARIES),
            Map.entry("org/h2/", NO_REFLECTIVE_LIBRARIES),
            Map.entry("java/sql/DriverManager", NO_RAW_DATABASE),
            Map.entry("java/sql/Driver", NO_RAW_DATABASE),
            Map.entry("java/security/SecureClassLoader", NO_LOADERS),
            Map.entry("java/nio/file/spi/", NO_INTERNALS),
            Map.entry("java/util/logging/FileHandler", NO_INTERNALS),
            Map.entry("java/util/prefs/", NO_INTERNALS),
            Map.entry("java/beans/", NO_INTERNALS),
            Map.entry("javax/script/", NO_INTERNALS),
            Map.entry("sun/", NO_INTERNALS),
            Map.entry("com/sun/", NO_INTERNALS),
            Map.entry("jdk/", NO_INTERNALS),
            Map.entry("otplab/", NO_INTERNALS));

    /**
     * JShell's own marker for a method whose body uses a name not declared yet: JShell compiles
     * {@code throw new SPIResolutionException(id)} into it, and the notebook turns the throw into
     * "run the cell above that declares it first". Harmless: it carries only a snippet id.
     */
    private static final String JSHELL_UNRESOLVED = "jdk/jshell/spi/SPIResolutionException";

    /** Single members refused by owner and name. */
    private static final Map<String, String> REFUSED_MEMBERS = Map.ofEntries(
            Map.entry("java/lang/System.exit", ENDS_WORKER),
            Map.entry("java/lang/System.load", NO_NATIVE),
            Map.entry("java/lang/System.loadLibrary", NO_NATIVE),
            Map.entry("java/lang/Runtime.exit", ENDS_WORKER),
            Map.entry("java/lang/Runtime.halt", ENDS_WORKER),
            Map.entry("java/lang/Runtime.exec", NO_PROCESSES),
            Map.entry("java/lang/Runtime.load", NO_NATIVE),
            Map.entry("java/lang/Runtime.loadLibrary", NO_NATIVE),
            Map.entry("java/lang/Thread.stop", ENDS_WORKER),
            Map.entry("java/lang/ClassLoader.defineClass", NO_LOADERS),
            Map.entry("java/lang/ClassLoader.defineClass1", NO_LOADERS),
            Map.entry("java/lang/invoke/MethodHandles.privateLookupIn", NO_INTERNALS),
            Map.entry("java/lang/invoke/MethodHandles$Lookup.defineClass", NO_LOADERS),
            Map.entry("java/lang/invoke/MethodHandles$Lookup.defineHiddenClass", NO_LOADERS),
            Map.entry("java/lang/invoke/MethodHandles$Lookup.defineHiddenClassWithClassData", NO_LOADERS),
            Map.entry("java/lang/reflect/InvocationHandler.invokeDefault", NO_INTERNALS),
            Map.entry("java/nio/file/Files.createSymbolicLink", NO_LINKS),
            Map.entry("java/nio/file/Files.createLink", NO_LINKS),
            Map.entry("otp/data/Migration$ColumnOption.<init>", NO_RAW_SQL),
            Map.entry("java/nio/file/FileSystems.newFileSystem", NO_INTERNALS),
            Map.entry("java/nio/file/FileSystem.provider", NO_INTERNALS));

    /** Method-handle lookups are refused outright: they would reach members around the guards. */
    private static final Set<String> REFUSED_LOOKUP_METHODS = Set.of(
            "findStatic", "findVirtual", "findSpecial", "findConstructor", "findGetter", "findSetter",
            "findStaticGetter", "findStaticSetter", "findVarHandle", "findStaticVarHandle", "bind",
            "unreflect", "unreflectSpecial", "unreflectConstructor", "unreflectGetter", "unreflectSetter",
            "unreflectVarHandle");

    private static final Set<String> LOADER_SUPERCLASSES = Set.of(
            "java/lang/ClassLoader", "java/security/SecureClassLoader", "java/net/URLClassLoader", "java/io/File");

    /** Constructors that open the file named by their first argument, and the argument types that name a file. */
    private static final Map<String, Set<String>> FILE_CONSTRUCTORS = Map.ofEntries(
            Map.entry("java/io/FileInputStream", Set.of("String", "File")),
            Map.entry("java/io/FileOutputStream", Set.of("String", "File")),
            Map.entry("java/io/FileReader", Set.of("String", "File")),
            Map.entry("java/io/FileWriter", Set.of("String", "File")),
            Map.entry("java/io/RandomAccessFile", Set.of("String", "File")),
            Map.entry("java/io/PrintStream", Set.of("String", "File")),
            Map.entry("java/io/PrintWriter", Set.of("String", "File")),
            Map.entry("java/util/Formatter", Set.of("String", "File")),
            Map.entry("java/util/Scanner", Set.of("File", "Path")),
            Map.entry("java/util/zip/ZipFile", Set.of("String", "File")),
            Map.entry("java/util/jar/JarFile", Set.of("String", "File")));

    /** {@code java.io.File} methods that touch the file system through their receiver. */
    private static final Set<String> FILE_TOUCHING_METHODS = Set.of(
            "exists", "isFile", "isDirectory", "isHidden", "canRead", "canWrite", "canExecute", "length",
            "lastModified", "delete", "deleteOnExit", "mkdir", "mkdirs", "renameTo", "createNewFile", "list",
            "listFiles", "setLastModified", "setReadOnly", "setWritable", "setReadable", "setExecutable",
            "getTotalSpace", "getFreeSpace", "getUsableSpace", "getCanonicalPath", "getCanonicalFile");

    private BytecodePolicy() {}

    /**
     * Checks one batch of learner classes and returns them rewritten where a guard is needed.
     *
     * @param classes class bytes by binary name, as JShell hands them to the execution engine
     */
    public static Map<String, byte[]> apply(Map<String, byte[]> classes) throws RejectedClass {
        ClassFile parser = ClassFile.of();
        Map<ClassDesc, ClassHierarchyResolver.ClassHierarchyInfo> batch = new HashMap<>();
        Map<String, ClassModel> models = new HashMap<>();
        List<Violation> violations = new ArrayList<>();
        for (var entry : classes.entrySet()) {
            ClassModel model = parser.parse(entry.getValue());
            models.put(entry.getKey(), model);
            batch.put(model.thisClass().asSymbol(), model.flags().has(java.lang.reflect.AccessFlag.INTERFACE)
                    ? ClassHierarchyResolver.ClassHierarchyInfo.ofInterface()
                    : ClassHierarchyResolver.ClassHierarchyInfo.ofClass(
                            model.superclass().map(ClassEntry::asSymbol).orElse(null)));
            violations.addAll(check(model));
        }
        if (!violations.isEmpty()) {
            throw new RejectedClass(violations);
        }
        ClassFile writer = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(
                ClassHierarchyResolver.defaultResolver()
                        .orElse(batch::get)
                        .orElse(ClassHierarchyResolver.ofClassLoading(Guard.learnerLoader()))));
        Map<String, byte[]> result = new HashMap<>();
        for (var entry : models.entrySet()) {
            ClassModel model = entry.getValue();
            CodeTransform stoppable = StopCheck.weaver();
            result.put(entry.getKey(), writer.transformClass(model, ClassTransform.transformingMethodBodies(
                    needsGuards(model) ? ((CodeTransform) BytecodePolicy::guard).andThen(stoppable) : stoppable)));
        }
        return result;
    }

    /** Why a member of {@code owner} (internal name) is refused, or empty when it is allowed. */
    public static Optional<String> refusal(String owner, String member) {
        String reason = REFUSED_MEMBERS.get(owner + "." + member);
        if (reason != null) {
            return Optional.of(reason);
        }
        if (owner.equals("java/lang/invoke/MethodHandles$Lookup") && REFUSED_LOOKUP_METHODS.contains(member)) {
            return Optional.of(NO_INTERNALS);
        }
        return refusedType(owner);
    }

    /** Whether reflection on this member must be refused: refused members and guarded file calls alike. */
    static Optional<String> reflectiveRefusal(String owner, String member) {
        Optional<String> refused = refusal(owner, member);
        if (refused.isPresent()) {
            return refused;
        }
        if (owner.equals("java/nio/file/Files") || FILE_CONSTRUCTORS.containsKey(owner)
                || owner.equals("java/io/File") || owner.equals("java/nio/channels/FileChannel")
                || owner.startsWith("java/lang/reflect/") || owner.startsWith("java/lang/invoke/")
                || owner.equals("java/lang/Runtime") || owner.equals("java/lang/System")
                || (owner.equals("java/lang/Class") && member.equals("newInstance"))) {
            return Optional.of("reflection cannot reach this member from a lesson");
        }
        return Optional.empty();
    }

    private static Optional<String> refusedType(String internalName) {
        String name = internalName;
        while (name.startsWith("[")) {
            name = name.substring(1);
        }
        if (name.startsWith("L") && name.endsWith(";")) {
            name = name.substring(1, name.length() - 1);
        }
        if (name.equals(JSHELL_UNRESOLVED)) {
            return Optional.empty();
        }
        for (var prefix : REFUSED_PREFIXES.entrySet()) {
            String key = prefix.getKey();
            if (key.endsWith("/") ? name.startsWith(key) : (name.equals(key) || name.startsWith(key + "$"))) {
                return Optional.of(prefix.getValue());
            }
        }
        return Optional.empty();
    }

    private static List<Violation> check(ClassModel model) {
        List<Violation> found = new ArrayList<>();
        String className = model.thisClass().asInternalName();
        model.superclass().ifPresent(superclass -> {
            String name = superclass.asInternalName();
            if (LOADER_SUPERCLASSES.contains(name)) {
                found.add(new Violation(className, "extends " + readable(name), 0, NO_LOADERS));
            }
            refusedType(name).ifPresent(reason ->
                    found.add(new Violation(className, "extends " + readable(name), 0, reason)));
        });
        for (ClassEntry iface : model.interfaces()) {
            refusedType(iface.asInternalName()).ifPresent(reason ->
                    found.add(new Violation(className, "implements " + readable(iface.asInternalName()), 0, reason)));
        }
        for (MethodModel method : model.methods()) {
            method.code().ifPresent(code -> checkCode(className, code, found));
        }
        return found;
    }

    private static void checkCode(String className, CodeModel code, List<Violation> found) {
        int line = 0;
        for (CodeElement element : code) {
            switch (element) {
                case LineNumber number -> line = number.line();
                case InvokeInstruction invoke -> {
                    String owner = invoke.owner().asInternalName();
                    String name = invoke.name().stringValue();
                    int at = line;
                    refusal(owner, name).ifPresent(reason ->
                            found.add(new Violation(className, readable(owner) + "." + name, at, reason)));
                }
                case FieldInstruction field -> addIfRefused(className, field.owner().asInternalName(), line, found);
                case NewObjectInstruction created -> addIfRefused(className, created.className().asInternalName(), line, found);
                case NewReferenceArrayInstruction array -> addIfRefused(className, array.componentType().asInternalName(), line, found);
                case NewMultiArrayInstruction array -> addIfRefused(className, array.arrayType().asInternalName(), line, found);
                case TypeCheckInstruction check -> addIfRefused(className, check.type().asInternalName(), line, found);
                case ConstantInstruction.LoadConstantInstruction load -> {
                    if (load.constantEntry() instanceof ClassEntry type) {
                        addIfRefused(className, type.asInternalName(), line, found);
                    } else if (load.constantEntry() instanceof MethodHandleEntry handle) {
                        checkHandle(className, handle.asSymbol(), line, found);
                    }
                }
                case InvokeDynamicInstruction indy -> {
                    for (ConstantDesc argument : indy.bootstrapArgs()) {
                        if (argument instanceof DirectMethodHandleDesc handle) {
                            checkHandle(className, handle, line, found);
                        }
                    }
                }
                default -> { }
            }
        }
    }

    /**
     * Judges a method handle (a method reference or lambda target) by the rules for direct calls:
     * refused members stay refused, and a member that needs a run-time guard is refused too,
     * because a call through a handle cannot be rewritten.
     */
    private static void checkHandle(String className, DirectMethodHandleDesc handle, int line, List<Violation> found) {
        String owner = internalName(handle.owner());
        String name = handle.methodName();
        String call = readable(owner) + "::" + name;
        Optional<String> refused = refusal(owner, name);
        if (refused.isPresent()) {
            found.add(new Violation(className, call, line, refused.get()));
            return;
        }
        boolean isMethod = switch (handle.kind()) {
            case GETTER, SETTER, STATIC_GETTER, STATIC_SETTER -> false;
            default -> true;
        };
        if (isMethod && guardFor(owner, handle.kind() == DirectMethodHandleDesc.Kind.CONSTRUCTOR ? "<init>" : name,
                MethodTypeDesc.ofDescriptor(handle.lookupDescriptor()), handle.kind() == DirectMethodHandleDesc.Kind.STATIC || handle.kind() == DirectMethodHandleDesc.Kind.INTERFACE_STATIC) != null) {
            found.add(new Violation(className, call, line,
                    "it needs a run-time check that a method reference skips; call it directly instead"));
        }
    }

    private static void addIfRefused(String className, String type, int line, List<Violation> found) {
        refusedType(type).ifPresent(reason -> found.add(new Violation(className, readable(type), line, reason)));
    }

    private static boolean needsGuards(ClassModel model) {
        for (MethodModel method : model.methods()) {
            Optional<CodeModel> code = method.code();
            if (code.isEmpty()) {
                continue;
            }
            for (CodeElement element : code.get()) {
                if (element instanceof InvokeInstruction invoke && guardFor(invoke) != null) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The rewrite an instruction needs, or null. */
    private static Rewrite guardFor(InvokeInstruction invoke) {
        return guardFor(invoke.owner().asInternalName(), invoke.name().stringValue(), invoke.typeSymbol(),
                invoke.opcode() == Opcode.INVOKESTATIC);
    }

    private static Rewrite guardFor(String owner, String name, MethodTypeDesc type, boolean isStatic) {
        if ((name.equals("setAccessible") || name.equals("trySetAccessible"))
                && (owner.equals("java/lang/reflect/AccessibleObject") || owner.equals("java/lang/reflect/Field")
                        || owner.equals("java/lang/reflect/Method") || owner.equals("java/lang/reflect/Constructor"))) {
            return Rewrite.replace(isStatic ? "setAccessibleAll" : name);
        }
        if (name.equals("invoke") && owner.equals("java/lang/reflect/Method")) {
            return Rewrite.replace("invoke");
        }
        if (name.equals("newInstance") && owner.equals("java/lang/reflect/Constructor")) {
            return Rewrite.replace("newInstance");
        }
        if (name.equals("newInstance") && owner.equals("java/lang/Class")) {
            return Rewrite.replace("classNewInstance");
        }
        if ((owner.equals("java/nio/file/Files") || owner.equals("java/nio/channels/FileChannel")
                || owner.equals("java/nio/channels/AsynchronousFileChannel")) && isStatic) {
            return Rewrite.checkArguments(pathArguments(type, false, Set.of("Path")));
        }
        if (name.equals("createTempFile") && owner.equals("java/io/File")) {
            return Rewrite.checkArguments(pathArguments(type, false, Set.of("File")));
        }
        if (name.equals("<init>") && FILE_CONSTRUCTORS.containsKey(owner) && type.parameterCount() > 0
                && FILE_CONSTRUCTORS.get(owner).contains(type.parameterType(0).displayName())) {
            String[] checks = new String[type.parameterCount()];
            checks[0] = CHECK_PATH;
            return Rewrite.checkArguments(checks);
        }
        if (owner.equals("java/io/File") && FILE_TOUCHING_METHODS.contains(name)) {
            return Rewrite.checkArguments(pathArguments(type, true, Set.of("File")));
        }
        if (owner.equals("java/nio/file/Path") && (name.equals("toRealPath") || name.equals("register"))) {
            return Rewrite.checkArguments(pathArguments(type, true, Set.of("Path")));
        }
        if (owner.equals("java/lang/reflect/Field") && !isStatic && (name.startsWith("get") || name.startsWith("set"))
                && FIELD_VALUE_METHODS.contains(name)) {
            return Rewrite.checkArguments(receiverOnly(type, CHECK_FIELD));
        }
        if (owner.equals("java/net/URL") && !isStatic && URL_READING_METHODS.contains(name)) {
            return Rewrite.checkArguments(receiverOnly(type, CHECK_URL));
        }
        if (owner.equals("otp/data/Repo") && isStatic && name.equals("connect") && type.parameterCount() > 0) {
            String[] checks = new String[type.parameterCount()];
            checks[0] = CHECK_JDBC_URL;
            return Rewrite.checkArguments(checks);
        }
        return null;
    }

    /** {@code Field} methods that read or write the field's value. */
    private static final Set<String> FIELD_VALUE_METHODS = Set.of("get", "getBoolean", "getByte", "getChar", "getShort",
            "getInt", "getLong", "getFloat", "getDouble", "set", "setBoolean", "setByte", "setChar", "setShort", "setInt",
            "setLong", "setFloat", "setDouble");

    private static String[] receiverOnly(MethodTypeDesc type, String checker) {
        String[] checks = new String[type.parameterCount() + 1];
        checks[0] = checker;
        return checks;
    }

    private static String[] pathArguments(MethodTypeDesc type, boolean receiver, Set<String> pathTypes) {
        int offset = receiver ? 1 : 0;
        String[] checks = new String[type.parameterCount() + offset];
        if (receiver) {
            checks[0] = CHECK_PATH;
        }
        for (int i = 0; i < type.parameterCount(); i++) {
            boolean names = pathTypes.contains(type.parameterType(i).displayName())
                    && type.parameterType(i).packageName().startsWith("java.");
            checks[i + offset] = names ? CHECK_PATH : null;
        }
        return checks;
    }

    /** Either a whole call replaced by a guard method, or some arguments checked (a guard method name per argument, null for none). */
    private record Rewrite(String replacement, String[] checks) {
        static Rewrite replace(String guardMethod) {
            return new Rewrite(guardMethod, null);
        }

        static Rewrite checkArguments(String[] checks) {
            return new Rewrite(null, checks);
        }
    }

    private static void guard(CodeBuilder builder, CodeElement element) {
        if (!(element instanceof InvokeInstruction invoke)) {
            builder.with(element);
            return;
        }
        Rewrite rewrite = guardFor(invoke);
        if (rewrite == null) {
            builder.with(element);
            return;
        }
        if (rewrite.replacement() != null) {
            MethodTypeDesc type = invoke.typeSymbol();
            if (invoke.opcode() != Opcode.INVOKESTATIC) {
                type = type.insertParameterTypes(0, invoke.owner().asSymbol());
            }
            builder.invokestatic(GUARD, rewrite.replacement(), type);
            return;
        }
        MethodTypeDesc type = invoke.typeSymbol();
        List<ClassDesc> arguments = new ArrayList<>(type.parameterList());
        boolean hasReceiver = invoke.opcode() != Opcode.INVOKESTATIC && !invoke.name().stringValue().equals("<init>");
        if (hasReceiver) {
            arguments.addFirst(invoke.owner().asSymbol());
        }
        int[] slots = new int[arguments.size()];
        for (int i = arguments.size() - 1; i >= 0; i--) {
            TypeKind kind = TypeKind.from(arguments.get(i));
            slots[i] = builder.allocateLocal(kind);
            builder.storeLocal(kind, slots[i]);
        }
        for (int i = 0; i < arguments.size(); i++) {
            ClassDesc argument = arguments.get(i);
            builder.loadLocal(TypeKind.from(argument), slots[i]);
            String checker = rewrite.checks()[i];
            if (checker != null) {
                ClassDesc checked = !checker.equals(CHECK_PATH) || argument.equals(CD_STRING) || argument.equals(CD_FILE)
                        || argument.equals(CD_PATH) ? argument : CD_PATH;
                builder.invokestatic(GUARD, checker, MethodTypeDesc.of(checked, checked));
            }
        }
        builder.with(element);
    }

    private static String internalName(ClassDesc desc) {
        String descriptor = desc.descriptorString();
        return descriptor.startsWith("L") ? descriptor.substring(1, descriptor.length() - 1) : descriptor;
    }

    private static String readable(String internalName) {
        return internalName.replace('/', '.').replace('$', '.');
    }
}
