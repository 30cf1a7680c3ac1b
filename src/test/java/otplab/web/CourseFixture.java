package otplab.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Names the lesson fixture ({@code src/test/resources/fixtures/<value>}) a test class's site starts from. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CourseFixture {
    String value();
}
