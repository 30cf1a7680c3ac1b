import java.net.URI;
import otp.config.ConfigEnv;
import otp.config.Env;

/** The application's settings, read from the environment at boot. See the instructions. */
public record AppConfig(ConfigEnv env, String host, int port, URI databaseUrl, int poolSize, String secretKeyBase) {

    public static AppConfig load(Env env) {
        throw new UnsupportedOperationException("load is not implemented yet");
    }
}
